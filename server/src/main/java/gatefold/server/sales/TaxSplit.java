package gatefold.server.sales;

import gatefold.server.common.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A price split into net and tax for a buyer in one country. The one rounding rule of the
 * store: in minor units, per line (a purchase is one line), half-up.
 * <ul>
 * <li>prices include tax: tax = round_half_up(gross × rate / (100 + rate)), net = gross − tax;</li>
 * <li>prices exclude tax: tax = round_half_up(net × rate / 100), total = net + tax.</li>
 * </ul>
 *
 * @param rate  the percentage charged (0 for a country without a rate); null only when Stripe did not say
 * @param label the tax's name ("VAT")
 */
public record TaxSplit(String country, BigDecimal rate, String label, Money net, Money tax, Money total) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public TaxSplit {
        if (net.minor() + tax.minor() != total.minor()) {
            throw new IllegalArgumentException("net " + net + " and tax " + tax + " do not add up to " + total);
        }
    }

    /** The price is what the fan pays; the tax is the part of it the rate makes up. */
    public static TaxSplit fromGross(Money gross, TaxRate rate) {
        long tax = halfUp(BigDecimal.valueOf(gross.minor()).multiply(rate.percent()), HUNDRED.add(rate.percent()));
        return new TaxSplit(rate.country(), rate.percent(), rate.label(), new Money(gross.minor() - tax, gross.currency()),
                new Money(tax, gross.currency()), gross);
    }

    /** The price is net; the tax is added on top. */
    public static TaxSplit fromNet(Money net, TaxRate rate) {
        long tax = halfUp(BigDecimal.valueOf(net.minor()).multiply(rate.percent()), HUNDRED);
        return new TaxSplit(rate.country(), rate.percent(), rate.label(), net, new Money(tax, net.currency()),
                new Money(net.minor() + tax, net.currency()));
    }

    /** The exact quotient rounded half-up to a whole number of minor units. */
    static long halfUp(BigDecimal numerator, BigDecimal denominator) {
        return numerator.divide(denominator, 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** "19" or "7.7", or empty when the rate is not known. */
    public String rateText() {
        return rate == null ? "" : rate.stripTrailingZeros().toPlainString();
    }
}
