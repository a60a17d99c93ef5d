package gatefold.server.moving;

import gatefold.server.common.Emails;
import gatefold.server.common.Money;
import gatefold.server.common.Refusal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One CSV record as a past buyer, or the reason it is not one. Dates are ISO 8601 (with or
 * without a time) or US month/day/year as Bandcamp writes them ({@code 1/21/23 7:45pm}), read as
 * UTC, or carry their offset as Shopify writes them ({@code 2025-10-07 09:50:26 +0200}); amounts take a comma or a point as the decimal mark and lose currency signs and thousands
 * separators; the currency defaults to the release's.
 */
final class BuyerRows {

    /** A buyer to import. */
    record Buyer(int line, String email, Instant boughtAt, Money paid, String name) {
    }

    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]"),
            us("M/d/yy h:mma"), us("M/d/yyyy h:mma"), us("M/d/yy H:mm"), us("M/d/yyyy H:mm[:ss]"));
    /** With an offset or zone: Shopify's "2025-10-07 09:50:26 +0200", Bandcamp's API "04 Jan 2021 23:22:11 GMT". */
    private static final List<DateTimeFormatter> ZONED = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss] Z", Locale.ROOT), us("d MMM yyyy HH:mm[:ss] z"));
    private static final List<DateTimeFormatter> DAYS = List.of(DateTimeFormatter.ISO_LOCAL_DATE, us("M/d/yyyy"), us("M/d/yy"));

    private BuyerRows() {
    }

    private static DateTimeFormatter us(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.US);
    }

    /** The buyer in the record, or throws a Refusal whose message is the problem. */
    static Buyer read(BuyerCsv.Record record, Map<String, Integer> columns, Currency releaseCurrency, Instant now) {
        String raw = cell(record, columns, "email");
        String email;
        try {
            email = Emails.normalize(raw);
        } catch (Refusal e) {
            throw Refusal.invalid("\"" + (raw.length() > 80 ? raw.substring(0, 80) + "…" : raw) + "\" is not an email address");
        }
        String date = cell(record, columns, "date");
        Instant boughtAt = date.isBlank() ? now : date(date);
        if (boughtAt.isAfter(now.plusSeconds(86_400))) {
            throw Refusal.invalid("the date " + date + " is in the future");
        }
        String code = cell(record, columns, "currency").strip().toUpperCase(Locale.ROOT);
        Currency currency = code.isEmpty() ? releaseCurrency : Money.currency(code);
        String amount = cell(record, columns, "amount");
        Money paid = amount.isBlank() ? Money.zero(currency) : Money.parse(plainAmount(amount), currency);
        String name = cell(record, columns, "name").strip();
        return new Buyer(record.line(), email, boughtAt, paid, name.length() > 200 ? name.substring(0, 200) : name);
    }

    private static String cell(BuyerCsv.Record record, Map<String, Integer> columns, String field) {
        Integer at = columns.get(field);
        if (at == null) {
            return "";
        }
        if (at >= record.cells().size()) {
            throw Refusal.invalid("it has " + record.cells().size() + " cells, fewer than the header");
        }
        return record.cells().get(at).strip();
    }

    static Instant date(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // Not with an offset; the local forms below are read as UTC.
        }
        for (DateTimeFormatter format : ZONED) {
            try {
                return java.time.ZonedDateTime.parse(text, format).toInstant();
            } catch (DateTimeParseException ignored) {
                // Try the next spelling.
            }
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDateTime.parse(text, format).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException ignored) {
                // Try the next spelling.
            }
        }
        for (DateTimeFormatter format : DAYS) {
            try {
                return LocalDate.parse(text, format).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException ignored) {
                // Try the next spelling.
            }
        }
        throw Refusal.invalid("\"" + text + "\" is not a date (use 2024-03-01, 2024-03-01T18:30:00Z or 3/1/24)");
    }

    /** "€ 1.234,50" or "$1,234.50" to "1234.50". */
    static String plainAmount(String text) {
        String digits = text.replaceAll("[^0-9.,-]", "");
        int comma = digits.lastIndexOf(',');
        int point = digits.lastIndexOf('.');
        if (comma > point) {
            boolean decimal = digits.length() - comma - 1 <= 2;
            digits = decimal ? digits.replace(".", "").replace(',', '.') : digits.replace(",", "");
        } else {
            digits = digits.replace(",", "");
        }
        return digits;
    }
}
