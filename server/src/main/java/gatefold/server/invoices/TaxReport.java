package gatefold.server.invoices;

import gatefold.server.common.Refusal;
import gatefold.server.sales.SalesReport;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * The tax report for a period, in the shape an EU One-Stop-Shop return asks for: per buyer
 * country and rate (and currency, which never mix), the net amounts and the tax, with the
 * number of invoices and credit notes behind them. Credit notes count negative, in the
 * period they were issued in. Built from the documents issued, so it needs invoices on.
 */
public final class TaxReport {

    static final String HEADER = "country,rate,currency,net,tax,invoices,credit_notes\r\n";
    private final Jdbi jdbi;

    public TaxReport(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Whole days in UTC, both included. */
    public record Period(LocalDate from, LocalDate to) {

        public Period {
            if (to.isBefore(from)) {
                throw Refusal.invalid("'to' is before 'from'.");
            }
        }

        /** From the query, or the quarter {@code today} is in. */
        public static Period of(Optional<String> from, Optional<String> to, LocalDate today) {
            LocalDate start = today.withMonth((today.getMonthValue() - 1) / 3 * 3 + 1).withDayOfMonth(1);
            LocalDate end = start.plusMonths(3).minusDays(1);
            return new Period(from.map(Period::day).orElse(start), to.map(Period::day).orElse(end));
        }

        private static LocalDate day(String raw) {
            try {
                return LocalDate.parse(raw.strip());
            } catch (DateTimeParseException e) {
                throw Refusal.invalid("Dates look like 2026-10-01.");
            }
        }

        String fileName() {
            return "tax-report-" + from + "-to-" + to + ".csv";
        }
    }

    /** One row of the report: what was invoiced, less what was credited. */
    private static final class Row {
        long net;
        long tax;
        int invoices;
        int creditNotes;
    }

    public String csv(String artistId, Period period) {
        Map<String, Row> rows = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT kind, tax_country, tax_rate, currency, SUM(net_minor) AS net, SUM(tax_minor) AS tax, COUNT(*) AS n
                        FROM invoices WHERE artist_id = :a AND issued_at >= :from AND issued_at < :to
                        GROUP BY kind, tax_country, tax_rate, currency""")
                .bind("a", artistId).bind("from", period.from().atStartOfDay().toInstant(ZoneOffset.UTC))
                .bind("to", period.to().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                .map((rs, ctx) -> {
                    String country = rs.getString("tax_country");
                    BigDecimal rate = rs.getBigDecimal("tax_rate");
                    String key = (country == null ? "" : country) + "|" + (rate == null ? "" : rate.stripTrailingZeros().toPlainString())
                            + "|" + rs.getString("currency");
                    Row row = rows.computeIfAbsent(key, k -> new Row());
                    int sign = Invoice.CREDIT_NOTE.equals(rs.getString("kind")) ? -1 : 1;
                    row.net += sign * rs.getLong("net");
                    row.tax += sign * rs.getLong("tax");
                    if (sign > 0) {
                        row.invoices += rs.getInt("n");
                    } else {
                        row.creditNotes += rs.getInt("n");
                    }
                    return key;
                }).list());
        StringBuilder out = new StringBuilder(HEADER);
        rows.forEach((key, row) -> {
            String[] parts = key.split("\\|", -1);
            int digits = Currency.getInstance(parts[2]).getDefaultFractionDigits();
            out.append(String.join(",", SalesReport.cell(parts[0]), SalesReport.cell(parts[1]), SalesReport.cell(parts[2]),
                    amount(row.net, digits), amount(row.tax, digits), Integer.toString(row.invoices),
                    Integer.toString(row.creditNotes))).append("\r\n");
        });
        return out.toString();
    }

    /** A signed decimal: a cell a spreadsheet reads as a number ("-8.39"), never as a formula. */
    private static String amount(long minor, int digits) {
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }
}
