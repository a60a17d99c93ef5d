package gatefold.server.invoices;

import gatefold.server.common.Refusal;
import gatefold.server.sales.TaxRate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tax rates from a CSV file: {@code country,rate,label} per line (label optional, "VAT" if
 * left out), an optional header line, commas or semicolons (as spreadsheets in many countries
 * save), quotes allowed. Every bad line is reported with its number, and then nothing is kept.
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
        String[] lines = text.replace("\uFEFF", "").split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || (number == 1 && line.toLowerCase().startsWith("country"))) {
                continue;
            }
            List<String> cells = cells(line);
            if (cells.size() < 2 || cells.size() > 3) {
                problems.add("line " + number + ": expected country,rate,label (for example DE,19,VAT)");
                continue;
            }
            try {
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

    /** Cells split at commas or semicolons outside double quotes; "" inside quotes is a quote. */
    static List<String> cells(String line) {
        // A semicolon file may write rates with decimal commas (7,7); a comma file must quote them.
        char separator = line.indexOf(';') >= 0 ? ';' : ',';
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }
}
