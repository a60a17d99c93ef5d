package gatefold.server.sales.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.common.Money;
import gatefold.server.sales.TaxSplit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Optional;

/**
 * What Stripe Tax charged on a completed Checkout Session, from its documented fields:
 * {@code automatic_tax.enabled}, {@code amount_total}, {@code total_details.amount_tax},
 * {@code customer_details.address.country}, and the rate from
 * {@code total_details.breakdown.taxes[].rate.percentage}, which Stripe includes only when
 * the session is fetched with that expansion (never in a webhook).
 */
final class StripeTax {

    private StripeTax() {
    }

    /** A session's tax as read; {@code rate} is empty when the breakdown was not included. */
    record Reading(long total, long tax, String country, Optional<BigDecimal> rate, String label) {

        /** Stripe charged tax but this copy of the session does not say at what rate. */
        boolean lacksRate() {
            return rate.isEmpty() && tax > 0;
        }

        /**
         * As a split on the purchase. Without the rate (Stripe could not be asked), the rate is
         * worked out from the amounts to two decimals, which is close but may be off by a hundredth.
         */
        TaxSplit split(String currency) {
            Currency c = Currency.getInstance(currency);
            BigDecimal percent = rate.orElseGet(() -> tax == 0 ? BigDecimal.ZERO
                    : BigDecimal.valueOf(tax * 100).divide(BigDecimal.valueOf(total - tax), 2, RoundingMode.HALF_UP));
            return new TaxSplit(country, percent, label, new Money(total - tax, c), new Money(tax, c), new Money(total, c));
        }
    }

    /** Empty unless the session used automatic tax and says how much it charged. */
    static Optional<Reading> read(JsonNode session) {
        if (!session.path("automatic_tax").path("enabled").asBoolean(false) || !session.path("amount_total").canConvertToLong()
                || !session.path("total_details").path("amount_tax").canConvertToLong()) {
            return Optional.empty();
        }
        long total = session.path("amount_total").asLong();
        long tax = session.path("total_details").path("amount_tax").asLong();
        if (total < 0 || tax < 0 || tax > total) {
            return Optional.empty();
        }
        JsonNode taxes = session.path("total_details").path("breakdown").path("taxes");
        Optional<BigDecimal> rate = Optional.empty();
        String label = "Tax";
        String rateCountry = null;
        if (taxes.isArray()) {
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode line : taxes) {
                JsonNode r = line.path("rate");
                if (r.path("percentage").isNumber()) {
                    sum = sum.add(r.path("percentage").decimalValue());
                }
                if (r.path("display_name").isTextual() && label.equals("Tax")) {
                    label = r.path("display_name").textValue();
                }
                rateCountry = rateCountry != null ? rateCountry : country(r.path("country"));
            }
            rate = Optional.of(sum.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros());
        }
        String country = Optional.ofNullable(country(session.path("customer_details").path("address").path("country")))
                .orElse(rateCountry);
        return Optional.of(new Reading(total, tax, country, rate, label.length() > 40 ? label.substring(0, 40) : label));
    }

    private static String country(JsonNode node) {
        return node.isTextual() && node.textValue().matches("[A-Z]{2}") ? node.textValue() : null;
    }
}
