package gatefold.server.sales;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.common.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The store's one rounding rule: minor units, per line, half-up; net and tax always add up to what the fan pays. */
class TaxSplitTest {

    static final Currency EUR = Currency.getInstance("EUR");

    static TaxSplit gross(String amount, String rate) {
        return TaxSplit.fromGross(Money.parse(amount, EUR), TaxRate.parse("DE", rate, "VAT"));
    }

    static TaxSplit net(String amount, String rate) {
        return TaxSplit.fromNet(Money.parse(amount, EUR), TaxRate.parse("DE", rate, "VAT"));
    }

    static String line(TaxSplit s) {
        return s.net().amount() + " + " + s.tax().amount() + " = " + s.total().amount();
    }

    @Test
    void pricesIncludingTax() {
        assertThat(line(gross("9.99", "19"))).isEqualTo("8.39 + 1.60 = 9.99"); // 1.5950… up
        assertThat(line(gross("9.99", "21"))).isEqualTo("8.26 + 1.73 = 9.99"); // 1.7338… down
        assertThat(line(gross("9.99", "20"))).isEqualTo("8.32 + 1.67 = 9.99"); // 1.665 exactly: half goes up
        assertThat(line(gross("0.03", "20"))).isEqualTo("0.02 + 0.01 = 0.03"); // 0.005 exactly
        assertThat(line(gross("0.01", "19"))).isEqualTo("0.01 + 0.00 = 0.01");
        assertThat(line(gross("10.00", "7.7"))).isEqualTo("9.29 + 0.71 = 10.00");
        assertThat(line(gross("7.00", "0"))).isEqualTo("7.00 + 0.00 = 7.00");
    }

    @Test
    void pricesExcludingTax() {
        assertThat(line(net("9.99", "19"))).isEqualTo("9.99 + 1.90 = 11.89"); // 1.8981 up
        assertThat(line(net("9.99", "21"))).isEqualTo("9.99 + 2.10 = 12.09"); // 2.0979 up
        assertThat(line(net("0.01", "19"))).isEqualTo("0.01 + 0.00 = 0.01");
        assertThat(line(net("0.50", "1"))).isEqualTo("0.50 + 0.01 = 0.51"); // 0.005 exactly: half goes up
        assertThat(line(net("10.00", "8.875"))).isEqualTo("10.00 + 0.89 = 10.89"); // 0.8875 up
    }

    @Test
    void currenciesWithoutCentsRoundToWholeUnits() {
        Currency yen = Currency.getInstance("JPY");
        TaxSplit split = TaxSplit.fromGross(Money.parse("1000", yen), TaxRate.parse("JP", "10", "JCT"));
        assertThat(split.tax().amount()).isEqualTo("91"); // 90.909… up
        assertThat(split.net().amount()).isEqualTo("909");
    }

    @Test
    void theSplitIsTheExactShareRoundedHalfUpAndAlwaysAddsUp() {
        Random random = new Random(20261207);
        for (int i = 0; i < 20_000; i++) {
            long minor = i < 1000 ? i : (long) (random.nextDouble() * 1_000_000_000L);
            BigDecimal rate = BigDecimal.valueOf(random.nextInt(1_000_000), 4);
            check(minor, rate);
        }
    }

    private static void check(long minor, BigDecimal rate) {
        TaxRate taxRate = new TaxRate("FR", rate, "TVA");
        Money price = new Money(minor, EUR);
        TaxSplit in = TaxSplit.fromGross(price, taxRate);
        BigDecimal exactIn = BigDecimal.valueOf(minor).multiply(rate).divide(rate.add(BigDecimal.valueOf(100)), 20, RoundingMode.HALF_UP);
        assertThat(BigDecimal.valueOf(in.tax().minor()).subtract(exactIn).abs()).isLessThanOrEqualTo(new BigDecimal("0.5"));
        assertThat(in.net().minor() + in.tax().minor()).isEqualTo(minor);
        assertThat(in.tax().minor()).isBetween(0L, minor);
        TaxSplit out = TaxSplit.fromNet(price, taxRate);
        BigDecimal exactOut = BigDecimal.valueOf(minor).multiply(rate).divide(BigDecimal.valueOf(100));
        assertThat(BigDecimal.valueOf(out.tax().minor()).subtract(exactOut).abs()).isLessThanOrEqualTo(new BigDecimal("0.5"));
        assertThat(out.total().minor()).isEqualTo(minor + out.tax().minor());
    }
}
