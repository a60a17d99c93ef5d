package gatefold.server.db;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How H2 (in PostgreSQL mode) and PostgreSQL spell the same schema, brought to one spelling.
 * Strict on purpose: lengths, precisions and time zones are kept, and a type missing from
 * {@link #SAME_TYPE} is reported rather than guessed, so a new type gets a decision here.
 */
final class SchemaTerms {

    /** information_schema.columns.data_type, lower-cased, on either database, to one name. */
    static final Map<String, String> SAME_TYPE = Map.ofEntries(
            Map.entry("character varying", "VARCHAR"),
            Map.entry("text", "TEXT"),
            Map.entry("character", "CHAR"),
            Map.entry("smallint", "SMALLINT"),
            Map.entry("integer", "INTEGER"),
            Map.entry("bigint", "BIGINT"),
            Map.entry("numeric", "NUMERIC"),
            Map.entry("decimal", "NUMERIC"),
            Map.entry("real", "REAL"),
            Map.entry("double precision", "DOUBLE PRECISION"),
            Map.entry("boolean", "BOOLEAN"),
            Map.entry("date", "DATE"),
            Map.entry("time", "TIME"),
            Map.entry("time without time zone", "TIME"),
            Map.entry("timestamp", "TIMESTAMP"),
            Map.entry("timestamp without time zone", "TIMESTAMP"),
            Map.entry("timestamp with time zone", "TIMESTAMP WITH TIME ZONE"),
            Map.entry("uuid", "UUID"),
            // BYTEA on PostgreSQL; H2 reads it as BINARY VARYING of its largest length.
            Map.entry("bytea", "BYTEA"),
            Map.entry("binary varying", "BYTEA"));

    /** H2 gives TEXT (and a VARCHAR without a length) its largest length; PostgreSQL gives none. */
    private static final long H2_UNBOUNDED = 1_000_000_000L;
    /** PostgreSQL shows a default's type after it ({@code 'EUR'::character varying}). */
    private static final Pattern CAST = Pattern.compile("::[a-z ]+(\\([0-9, ]+\\))?$");
    private static final Pattern H2_NAME = Pattern.compile("(CONSTRAINT|PRIMARY_KEY|FK|UK)_[0-9A-F]+");

    private SchemaTerms() {
    }

    /** The one spelling of a column's type, or null when the type is not in the table. */
    static String type(String dataType, String length, String precision, String scale, String timePrecision) {
        String name = SAME_TYPE.get(dataType.toLowerCase(Locale.ROOT));
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "VARCHAR" -> length == null || Long.parseLong(length) >= H2_UNBOUNDED ? "TEXT" : "VARCHAR(" + length + ")";
            case "CHAR" -> "CHAR(" + length + ")";
            case "NUMERIC" -> precision == null ? "NUMERIC" : "NUMERIC(" + precision + "," + scale + ")";
            case "TIME", "TIMESTAMP" -> name + "(" + timePrecision + ")";
            case "TIMESTAMP WITH TIME ZONE" -> "TIMESTAMP(" + timePrecision + ") WITH TIME ZONE";
            default -> name;
        };
    }

    /** A column default: casts dropped, now() and CURRENT_TIMESTAMP the same, TRUE in one case. */
    static String defaultValue(String expression) {
        if (expression == null) {
            return null;
        }
        String e = expression.strip();
        while (CAST.matcher(e).find()) {
            e = CAST.matcher(e).replaceFirst("");
        }
        String lower = e.toLowerCase(Locale.ROOT);
        if (lower.equals("now()") || lower.equals("current_timestamp")) {
            return "CURRENT_TIMESTAMP";
        }
        if (lower.equals("true") || lower.equals("false")) {
            return lower.toUpperCase(Locale.ROOT);
        }
        return e;
    }

    /**
     * True for a name the database chose for an unnamed constraint: H2's {@code CONSTRAINT_8A},
     * PostgreSQL's {@code artists_pkey}, {@code api_tokens_artist_id_fkey}, {@code t_col_key}.
     */
    static boolean isGeneratedName(String name, String table) {
        return H2_NAME.matcher(name).matches() || name.equals(table + "_pkey")
                || (name.startsWith(table + "_") && (name.endsWith("_fkey") || name.endsWith("_key")));
    }

    /** One column of an index; the order is written out only where it is not the default. */
    static String indexColumn(String column, boolean descending, boolean nullsFirst) {
        // Both databases (H2 with DEFAULT_NULL_ORDERING=HIGH) put nulls last ascending and first descending.
        String order = descending ? " DESC" : "";
        String nulls = nullsFirst == descending ? "" : nullsFirst ? " NULLS FIRST" : " NULLS LAST";
        return column + order + nulls;
    }
}
