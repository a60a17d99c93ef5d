package gatefold.server.moving;

import gatefold.server.common.Refusal;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Inserts one table's rows from its JSON lines, inside the import's one transaction. Each row
 * may name only columns this database has (an archive from a newer Gatefold is refused with
 * the column named); columns it leaves out take their defaults. Values are bound by the
 * column's type in this database, so H2 and PostgreSQL take the same archive.
 */
final class RowInserts {

    private static final int BATCH = 500;

    private RowInserts() {
    }

    /** Returns how many rows went in. */
    static long insert(Connection connection, String table, Path file, MovedSecrets secrets, RowHook hook)
            throws SQLException, IOException {
        Map<String, Integer> types = columnTypes(connection, table);
        Map<String, PreparedStatement> statements = new HashMap<>();
        Map<PreparedStatement, Integer> pending = new HashMap<>();
        long rows = 0;
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                rows++;
                Map<String, Object> row = parse(line, table, rows);
                if (!hook.accept(table, row)) {
                    continue;
                }
                secrets.importRow(table, row);
                PreparedStatement insert = statements.computeIfAbsent(String.join(",", row.keySet()),
                        k -> prepare(connection, table, row, types));
                int i = 1;
                for (Map.Entry<String, Object> cell : row.entrySet()) {
                    RowValues.bind(insert, i++, types.get(cell.getKey()), cell.getValue(),
                            "Table " + table + ", row " + rows + ", column " + cell.getKey());
                }
                insert.addBatch();
                if (pending.merge(insert, 1, Integer::sum) >= BATCH) {
                    insert.executeBatch();
                    pending.put(insert, 0);
                }
            }
            for (PreparedStatement insert : statements.values()) {
                insert.executeBatch();
            }
        } finally {
            for (PreparedStatement insert : statements.values()) {
                insert.close();
            }
        }
        return rows;
    }

    /** Lets the importer adjust or skip a row before it is inserted. */
    @FunctionalInterface
    interface RowHook {
        boolean accept(String table, Map<String, Object> row) throws SQLException;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String line, String table, long n) {
        try {
            Object value = Manifest.JSON.readValue(line, Object.class);
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> row = new LinkedHashMap<>();
                ((Map<String, Object>) map).forEach((k, v) -> row.put(k.toLowerCase(Locale.ROOT), v));
                return row;
            }
        } catch (IOException e) {
            // Reported below with the line number.
        }
        throw Refusal.invalid("Table " + table + ", row " + n + " is not a JSON object.");
    }

    private static PreparedStatement prepare(Connection connection, String table, Map<String, Object> row,
                                             Map<String, Integer> types) {
        for (String column : row.keySet()) {
            if (!types.containsKey(column)) {
                throw Refusal.invalid("The archive has a column \"" + ArchiveLayout.printable(column) + "\" in table " + table
                        + " that this Gatefold does not know: it was made by a newer version. Upgrade, then import again.");
            }
        }
        String sql = "INSERT INTO " + table + " (" + String.join(", ", row.keySet()) + ") VALUES ("
                + String.join(", ", row.keySet().stream().map(c -> "?").toList()) + ")";
        try {
            return connection.prepareStatement(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Integer> columnTypes(Connection connection, String table) throws SQLException {
        Map<String, Integer> types = new HashMap<>();
        try (Statement query = connection.createStatement(); ResultSet rs = query.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                types.put(meta.getColumnLabel(c).toLowerCase(Locale.ROOT), meta.getColumnType(c));
            }
        }
        return types;
    }
}
