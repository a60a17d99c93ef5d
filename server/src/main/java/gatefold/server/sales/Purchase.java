package gatefold.server.sales;

import gatefold.server.common.Money;
import java.time.Instant;
import java.util.Currency;

/** A sale (or gift, or press copy) of a release to a fan, with the entitlement it created. */
public record Purchase(
        String id,
        String releaseId,
        String artistId,
        String entitlementId,
        String email,
        long amountMinor,
        String currency,
        String status,
        String source,
        String provider,
        String providerRef,
        Long listAmountMinor,
        String discountCode,
        Instant createdAt,
        Instant updatedAt) {

    public Money amount() {
        return new Money(amountMinor, Currency.getInstance(currency));
    }

    /** The price before any discount. */
    public Money listAmount() {
        return new Money(listAmountMinor == null ? amountMinor : listAmountMinor, Currency.getInstance(currency));
    }
}
