package gatefold.server.moving;

import gatefold.server.common.Refusal;
import java.util.regex.Pattern;

/**
 * The names inside an export archive, in the order they are written (docs/EXPORT.md):
 * {@code manifest.json} first, then {@code tables/<table>.jsonl}, then {@code csv/<name>.csv}
 * for spreadsheets, then {@code blobs/<sha256>}, one per distinct file content. An importer
 * accepts exactly these shapes and nothing else, so an entry such as {@code ../../x} or
 * {@code /etc/passwd} is refused by name before a byte of it is read.
 */
final class ArchiveLayout {

    static final String FORMAT = "gatefold-export";
    static final int VERSION = 1;
    static final String MANIFEST = "manifest.json";
    private static final Pattern TABLE = Pattern.compile("tables/[a-z_]{1,60}\\.jsonl");
    private static final Pattern CSV = Pattern.compile("csv/[a-z_]{1,60}\\.csv");
    private static final Pattern BLOB = Pattern.compile("blobs/[0-9a-f]{64}");

    /** What an entry name says it is. */
    enum Kind { MANIFEST, TABLE, CSV, BLOB }

    private ArchiveLayout() {
    }

    static String table(String name) {
        return "tables/" + name + ".jsonl";
    }

    static String csv(String name) {
        return "csv/" + name + ".csv";
    }

    static String blob(String sha256) {
        return "blobs/" + sha256;
    }

    /** The kind of a well-formed name; anything else is refused, naming the entry. */
    static Kind kindOf(String name) {
        if (name.equals(MANIFEST)) {
            return Kind.MANIFEST;
        }
        if (TABLE.matcher(name).matches()) {
            return Kind.TABLE;
        }
        if (CSV.matcher(name).matches()) {
            return Kind.CSV;
        }
        if (BLOB.matcher(name).matches()) {
            return Kind.BLOB;
        }
        throw Refusal.invalid("The archive holds an entry Gatefold does not write: \"" + printable(name)
                + "\"; nothing was imported.");
    }

    /** Control characters in a hostile name must not reach a terminal or a log as they are. */
    static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
