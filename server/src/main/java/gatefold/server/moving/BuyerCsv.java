package gatefold.server.moving;

import gatefold.server.common.Refusal;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CSV another shop exported (RFC 4180, as spreadsheets write it): a byte-order mark is
 * dropped, the separator (comma, semicolon or tab) is whichever the header line uses most, quoted
 * cells may hold separators, doubled quotes and line breaks. Each record keeps the line it starts
 * on, so a problem is reported where the artist can find it. It is Gatefold's one CSV reader:
 * tax rates ({@code invoices.RateCsv}) read their files with {@link #records(String)} too.
 */
public final class BuyerCsv {

    /** One record: the line it starts on and its cells. */
    public record Record(int line, List<String> cells) {
    }

    /** The header's cells and every record after it. */
    record Table(List<String> header, List<Record> records, char separator) {
    }

    static final int MAX_RECORDS = 200_000;
    private static final int MAX_CELL = 10_000;

    private BuyerCsv() {
    }

    static Table read(Reader in) throws IOException {
        String text = readBounded(in);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        char separator = separatorOf(text);
        List<Record> all = parse(text, separator);
        if (all.isEmpty()) {
            throw Refusal.invalid("The file is empty: it needs a header line and one line per buyer.");
        }
        List<String> header = all.get(0).cells().stream().map(String::strip).toList();
        List<Record> rows = all.subList(1, all.size()).stream()
                .filter(r -> !(r.cells().size() == 1 && r.cells().get(0).isBlank())).toList();
        if (rows.size() > MAX_RECORDS) {
            throw Refusal.tooLarge("The file has more than " + MAX_RECORDS + " buyers; split it.");
        }
        return new Table(header, rows, separator);
    }

    /**
     * Every record of a CSV text, its first line included, with the line each starts on; a
     * byte-order mark is dropped and the separator is the one the first line uses most. A blank
     * line is a record of one empty cell.
     */
    public static List<Record> records(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return parse(body, separatorOf(body));
    }

    private static String readBounded(Reader in) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.append(buffer, 0, n);
            if (out.length() > 64L * 1024 * 1024) {
                throw Refusal.tooLarge("The file is larger than 64 MB; split it.");
            }
        }
        return out.toString();
    }

    private static char separatorOf(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        char best = ',';
        long most = -1;
        for (char c : new char[] {',', ';', '\t'}) {
            long count = first.chars().filter(x -> x == c).count();
            if (count > most) {
                most = count;
                best = c;
            }
        }
        return best;
    }

    private static List<Record> parse(String text, char separator) {
        List<Record> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
            } else if (c == separator) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    continue;
                }
                cells.add(cell.toString());
                records.add(new Record(recordLine, List.copyOf(cells)));
                cells.clear();
                cell.setLength(0);
                recordLine = line;
            } else {
                cell.append(c);
            }
            if (cell.length() > MAX_CELL) {
                throw Refusal.invalid("Line " + recordLine + " has a cell longer than " + MAX_CELL + " characters"
                        + (quoted ? " (a quote that never closes?)" : "") + ".");
            }
        }
        if (quoted) {
            throw Refusal.invalid("Line " + recordLine + " opens a quote that never closes.");
        }
        if (cell.length() > 0 || !cells.isEmpty()) {
            cells.add(cell.toString());
            records.add(new Record(recordLine, List.copyOf(cells)));
        }
        return records;
    }
}
