package gatefold.server.sales;

import gatefold.server.common.Refusal;
import java.math.BigDecimal;

/**
 * The artist's tax rate for buyers in one country: a percentage below 100 with at most four
 * decimals (19, 7.7, 8.875), and the name printed beside it ("VAT", "GST", "Sales tax").
 */
public record TaxRate(String country, BigDecimal percent, String label) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    public static final int MAX_LABEL = 40;

    public TaxRate {
        if (!Countries.known(country)) {
            throw Refusal.invalid("'" + country + "' is not a country code (ISO 3166-1 alpha-2) such as DE or AT.");
        }
        if (percent.signum() < 0 || percent.compareTo(HUNDRED) >= 0 || percent.stripTrailingZeros().scale() > 4) {
            throw Refusal.invalid("A tax rate is a percentage from 0 to below 100, with at most four decimals.");
        }
        percent = percent.stripTrailingZeros();
        if (percent.scale() < 0) {
            percent = percent.setScale(0);
        }
        if (label == null || label.isBlank() || label.length() > MAX_LABEL || label.chars().anyMatch(Character::isISOControl)) {
            throw Refusal.invalid("A tax label (such as VAT) is 1 to " + MAX_LABEL + " characters on one line.");
        }
        label = label.strip();
    }

    /** From text: country "at" or "AT", rate "20" or "7.7", label defaulting to "VAT". */
    public static TaxRate parse(String country, String percent, String label) {
        String code = Countries.code(country, "country");
        if (percent == null || !percent.strip().matches("\\d{1,2}(\\.\\d{1,4})?")) {
            throw Refusal.invalid("The rate for " + code + " must be a percentage such as \"19\" or \"7.7\".");
        }
        return new TaxRate(code, new BigDecimal(percent.strip()), label == null || label.isBlank() ? "VAT" : label);
    }

    /** No tax: for buyers in a country the artist has no rate for. */
    public static TaxRate none(String country) {
        return new TaxRate(country, BigDecimal.ZERO, "Tax");
    }

    /** "19" or "7.7": how the rate reads in JSON, CSV and on invoices. */
    public String percentText() {
        return percent.toPlainString();
    }
}
