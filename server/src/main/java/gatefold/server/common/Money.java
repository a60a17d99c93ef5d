package gatefold.server.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * An amount of money in minor units (cents) of an ISO 4217 currency. Never a double.
 * On the wire it is {@code {"amount": "7.00", "currency": "EUR"}}.
 */
public record Money(long minor, Currency currency) {

    /** Ten million units of any currency: far above any sane price, far below overflow. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("10000000");

    public Money {
        if (minor < 0) {
            throw Refusal.invalid("Amounts cannot be negative.");
        }
    }

    public static Currency currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw Refusal.invalid("Currency must be an ISO 4217 code such as EUR or USD.");
        }
        try {
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() < 0) {
                throw new IllegalArgumentException();
            }
            return currency;
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("Unknown currency " + code + "; use an ISO 4217 code such as EUR or USD.");
        }
    }

    /** Parses "7", "7.5" or "7.00" in the currency's precision; more decimals than it has are refused. */
    public static Money parse(String amount, Currency currency) {
        if (amount == null || !amount.matches("\\d{1,12}(\\.\\d{1,4})?")) {
            throw Refusal.invalid("Amount must be a decimal string such as \"7.00\".");
        }
        BigDecimal value = new BigDecimal(amount);
        if (value.compareTo(MAX_AMOUNT) > 0) {
            throw Refusal.invalid("Amount is too large.");
        }
        int digits = currency.getDefaultFractionDigits();
        if (value.stripTrailingZeros().scale() > digits) {
            throw Refusal.invalid("Amount has more decimals than " + currency.getCurrencyCode() + " allows.");
        }
        return new Money(value.movePointRight(digits).setScale(0, RoundingMode.UNNECESSARY).longValueExact(), currency);
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public String amount() {
        return BigDecimal.valueOf(minor, currency.getDefaultFractionDigits()).toPlainString();
    }

    public boolean isZero() {
        return minor == 0;
    }

    public boolean lessThan(Money other) {
        requireSameCurrency(other);
        return minor < other.minor;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw Refusal.invalid("Amounts in " + currency.getCurrencyCode() + " and " + other.currency.getCurrencyCode()
                    + " cannot be compared.");
        }
    }

    public Wire toWire() {
        return new Wire(amount(), currency.getCurrencyCode());
    }

    /** The JSON shape. */
    public record Wire(String amount, String currency) {
    }

    @Override
    public String toString() {
        return amount() + " " + currency.getCurrencyCode();
    }
}
