package gatefold.server.audience;

import gatefold.server.catalog.Release;
import gatefold.server.common.Money;
import gatefold.server.common.Refusal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.List;
import java.util.Set;

/**
 * What one buyer pays for a bundle, decided on the server. Someone who owns part of it pays
 * the bundle's price in proportion to what they do not own yet (valued at each release's own
 * price), never below the artist's minimum for the bundle and never above its price.
 */
public record BundlePrice(Money full, Money price, List<Release> toGet) {

    /** A release's worth in the bundle: its fixed price, its suggested or minimum pay-what-you-want price, or nothing. */
    static long worth(Release r) {
        return switch (r.pricing()) {
            case "fixed" -> r.priceMinor() == null ? 0 : r.priceMinor();
            case "pwyw" -> r.priceMinor() != null ? r.priceMinor() : r.minPriceMinor() == null ? 0 : r.minPriceMinor();
            default -> 0;
        };
    }

    static BundlePrice of(Bundle bundle, List<Release> releases, Set<String> owned) {
        Currency currency = Currency.getInstance(bundle.currency());
        long full = releases.stream().mapToLong(BundlePrice::worth).sum();
        List<Release> toGet = releases.stream().filter(r -> !owned.contains(r.id())).toList();
        if (toGet.isEmpty()) {
            throw Refusal.conflict("You own every release in this bundle already.");
        }
        long rest = toGet.stream().mapToLong(BundlePrice::worth).sum();
        long price = bundle.priceMinor();
        if (toGet.size() < releases.size() && full > 0) {
            // Rounded half up, in exact integers: a bundle of 20.00 with a third owned is 13.33 or 13.34, never 13.3333.
            BigInteger[] split = BigInteger.valueOf(price).multiply(BigInteger.valueOf(rest)).multiply(BigInteger.TWO)
                    .add(BigInteger.valueOf(full)).divideAndRemainder(BigInteger.valueOf(full).multiply(BigInteger.TWO));
            price = split[0].longValueExact();
            long floor = bundle.minPriceMinor() == null ? 0 : bundle.minPriceMinor();
            price = Math.min(bundle.priceMinor(), Math.max(price, floor));
        }
        return new BundlePrice(new Money(full, currency), new Money(price, currency), toGet);
    }
}
