package gatefold.server.sales;

import gatefold.server.catalog.Release;
import gatefold.server.common.Money;
import gatefold.server.common.Refusal;
import java.util.Currency;
import java.util.Optional;

/**
 * What the fan pays, decided by the server alone: the fixed price, their
 * pay-what-you-want amount at or above the minimum, or nothing; then any discount.
 * An amount or currency that does not fit the release is refused, never adjusted.
 */
public record Quote(Money listPrice, Money total, Optional<String> discountCode) {

    public static Quote of(Release release, Optional<String> amount, Optional<String> currency, Optional<String> code,
                           Discounts discounts) {
        Currency releaseCurrency = Currency.getInstance(release.currency());
        if (currency.isPresent() && !currency.get().equals(release.currency())) {
            throw Refusal.invalid("This release is sold in " + release.currency() + ".");
        }
        Money list = switch (release.pricing()) {
            case "fixed" -> {
                Money price = release.price().orElseThrow();
                if (amount.isPresent() && Money.parse(amount.get(), releaseCurrency).minor() != price.minor()) {
                    throw Refusal.invalid("The price of this release is " + price + ".");
                }
                yield price;
            }
            case "pwyw" -> {
                Money min = release.minPrice().orElse(Money.zero(releaseCurrency));
                Money offered = amount.map(a -> Money.parse(a, releaseCurrency)).orElse(release.price().orElse(min));
                if (offered.lessThan(min)) {
                    throw Refusal.invalid("The minimum for this release is " + min + ".");
                }
                yield offered;
            }
            default -> {
                if (amount.isPresent() && !Money.parse(amount.get(), releaseCurrency).isZero()) {
                    throw Refusal.invalid("This release is free.");
                }
                yield Money.zero(releaseCurrency);
            }
        };
        if (code.isEmpty() || code.get().isBlank() || list.isZero()) {
            return new Quote(list, list, Optional.empty());
        }
        String normalized = code.get().strip().toUpperCase(java.util.Locale.ROOT);
        Money discounted = discounts.apply(release.artistId(), release.id(), normalized, list)
                .orElseThrow(() -> Refusal.invalid("This discount code does not apply."));
        return new Quote(list, discounted, Optional.of(normalized));
    }
}
