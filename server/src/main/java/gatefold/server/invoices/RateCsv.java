package gatefold.server.invoices;

import gatefold.server.common.Refusal;
import gatefold.server.moving.BuyerCsv;
import gatefold.server.sales.TaxRate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tax rates from a CSV file: {@code country,rate,label} per line (label optional, "VAT" if
 * left out), an optional header line, commas or semicolons (as spreadsheets in many countries
 * save), quotes allowed, read by the one CSV reader ({@link BuyerCsv}). Every bad line is reported
 * with its number, and then nothing is kept.
 */
final class RateCsv {

    static final int MAX_BYTES = 64 * 1024;

    /** The rates read, and what was wrong with which line. */
    record Parsed(List<TaxRate> rates, List<String> problems) {
    }

    private RateCsv() {
    }

    static Parsed parse(String text) {
        List<TaxRate> rates = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        List<BuyerCsv.Record> records;
        try {
            records = BuyerCsv.records(text);
        } catch (Refusal unreadable) {
            return new Parsed(List.of(), List.of(unreadable.getMessage()));
        }
        for (BuyerCsv.Record record : records) {
            int number = record.line();
            List<String> cells = record.cells().stream().map(String::strip).toList();
            String first = cells.get(0);
            if ((cells.size() == 1 && first.isEmpty()) || first.startsWith("#")
                    || (number == 1 && first.toLowerCase(Locale.ROOT).startsWith("country"))) {
                continue;
            }
            if (cells.size() < 2 || cells.size() > 3) {
                problems.add("line " + number + ": expected country,rate,label (for example DE,19,VAT)");
                continue;
            }
            try {
                // A semicolon file may write rates with decimal commas (7,7); a comma file must quote them.
                TaxRate rate = TaxRate.parse(cells.get(0), cells.get(1).replace(',', '.'), cells.size() > 2 ? cells.get(2) : null);
                Integer earlier = firstLine.putIfAbsent(rate.country(), number);
                if (earlier != null) {
                    problems.add("line " + number + ": " + rate.country() + " is already on line " + earlier);
                } else {
                    rates.add(rate);
                }
            } catch (Refusal refused) {
                problems.add("line " + number + ": " + refused.getMessage());
            }
        }
        if (rates.size() > TaxRates.MAX_RATES) {
            problems.add("more than " + TaxRates.MAX_RATES + " rates");
        }
        return new Parsed(rates, problems);
    }
}
