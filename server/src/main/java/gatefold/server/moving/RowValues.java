package gatefold.server.moving;

import gatefold.server.common.Refusal;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * How a column's value is written in the archive and read back, whatever the database: times
 * as ISO-8601 instants in UTC, dates as {@code yyyy-mm-dd}, exact decimals as strings, whole
 * numbers and booleans as JSON numbers and booleans, bytes as base64, everything else as text.
 */
final class RowValues {

    private RowValues() {
    }

    /** The value of column {@code i} as it goes into the archive. */
    static Object read(ResultSet rs, int i, int sqlType) throws SQLException {
        Object value = switch (sqlType) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                yield t == null ? null : t.toInstant().toString();
            }
            case Types.DATE -> {
                LocalDate d = rs.getObject(i, LocalDate.class);
                yield d == null ? null : d.toString();
            }
            case Types.NUMERIC, Types.DECIMAL -> {
                BigDecimal d = rs.getBigDecimal(i);
                yield d == null ? null : d.toPlainString();
            }
            case Types.BOOLEAN, Types.BIT -> rs.getBoolean(i);
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> rs.getLong(i);
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> rs.getDouble(i);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] bytes = rs.getBytes(i);
                yield bytes == null ? null : java.util.Base64.getEncoder().encodeToString(bytes);
            }
            default -> rs.getString(i);
        };
        return rs.wasNull() ? null : value;
    }

    /** Binds an archive value to parameter {@code i} for a column of {@code sqlType}; a wrong shape is refused. */
    static void bind(PreparedStatement insert, int i, int sqlType, Object value, String where) throws SQLException {
        if (value == null) {
            insert.setNull(i, sqlType);
            return;
        }
        try {
            switch (sqlType) {
                case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
                        insert.setObject(i, OffsetDateTime.ofInstant(Instant.parse(text(value, where)), ZoneOffset.UTC));
                case Types.DATE -> insert.setObject(i, LocalDate.parse(text(value, where)));
                case Types.NUMERIC, Types.DECIMAL -> insert.setBigDecimal(i, new BigDecimal(value.toString()));
                case Types.BOOLEAN, Types.BIT -> insert.setBoolean(i, bool(value, where));
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> insert.setInt(i, Math.toIntExact(whole(value, where)));
                case Types.BIGINT -> insert.setLong(i, whole(value, where));
                case Types.DOUBLE, Types.FLOAT, Types.REAL -> insert.setDouble(i, number(value, where).doubleValue());
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                        insert.setBytes(i, java.util.Base64.getDecoder().decode(text(value, where)));
                default -> insert.setString(i, text(value, where));
            }
        } catch (DateTimeParseException | IllegalArgumentException | ArithmeticException e) {
            throw Refusal.invalid(where + " holds a value of the wrong shape: " + ArchiveLayout.printable(String.valueOf(value)));
        }
    }

    private static String text(Object value, String where) {
        if (!(value instanceof String s)) {
            throw Refusal.invalid(where + " should be text.");
        }
        return s;
    }

    private static boolean bool(Object value, String where) {
        if (!(value instanceof Boolean b)) {
            throw Refusal.invalid(where + " should be true or false.");
        }
        return b;
    }

    private static long whole(Object value, String where) {
        if (!(value instanceof Integer || value instanceof Long)) {
            throw Refusal.invalid(where + " should be a whole number.");
        }
        return ((Number) value).longValue();
    }

    private static Number number(Object value, String where) {
        if (!(value instanceof Number n)) {
            throw Refusal.invalid(where + " should be a number.");
        }
        return n;
    }
}
