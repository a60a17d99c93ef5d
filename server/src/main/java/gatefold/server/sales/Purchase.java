package gatefold.server.sales;

import gatefold.server.common.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import org.jdbi.v3.core.mapper.reflect.JdbiConstructor;

/**
 * A sale (or gift, or press copy) of a release to a fan, with the entitlement it created.
 * {@code amountMinor} is what the fan pays; when the artist charges tax, the tax fields say
 * how it splits (they are null otherwise).
 */
public record Purchase(
        String id,
        String releaseId,
        String artistId,
        String entitlementId,
        String email,
        long amountMinor,
        String currency,
        PurchaseStatus status,
        String source,
        String provider,
        String providerRef,
        Long listAmountMinor,
        String discountCode,
        Instant createdAt,
        Instant updatedAt,
        String taxCountry,
        BigDecimal taxRate,
        String taxLabel,
        Long netMinor,
        Long taxMinor) {

    @JdbiConstructor
    public Purchase {
    }

    /** A purchase as first written, before any tax is known. */
    public Purchase(String id, String releaseId, String artistId, String entitlementId, String email, long amountMinor,
                    String currency, PurchaseStatus status, String source, String provider, String providerRef, Long listAmountMinor,
                    String discountCode, Instant createdAt, Instant updatedAt) {
        this(id, releaseId, artistId, entitlementId, email, amountMinor, currency, status, source, provider, providerRef,
                listAmountMinor, discountCode, createdAt, updatedAt, null, null, null, null, null);
    }

    public Money amount() {
        return new Money(amountMinor, Currency.getInstance(currency));
    }

    /** The price before any discount. */
    public Money listAmount() {
        return new Money(listAmountMinor == null ? amountMinor : listAmountMinor, Currency.getInstance(currency));
    }

    /** How the amount splits into net and tax; empty when no tax was charged or recorded. */
    public Optional<TaxSplit> tax() {
        if (netMinor == null || taxMinor == null) {
            return Optional.empty();
        }
        Currency c = Currency.getInstance(currency);
        return Optional.of(new TaxSplit(taxCountry, taxRate, taxLabel, new Money(netMinor, c), new Money(taxMinor, c), amount()));
    }

    public Purchase withTax(TaxSplit split) {
        return new Purchase(id, releaseId, artistId, entitlementId, email, split.total().minor(), currency, status, source, provider,
                providerRef, listAmountMinor, discountCode, createdAt, updatedAt, split.country(), split.rate(), split.label(),
                split.net().minor(), split.tax().minor());
    }
}
