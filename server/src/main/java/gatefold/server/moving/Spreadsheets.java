package gatefold.server.moving;

import gatefold.server.common.Money;
import gatefold.server.sales.SalesReport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.List;

/**
 * The archive's {@code csv/sales.csv} and {@code csv/buyers.csv}: the same sales in a form a
 * spreadsheet opens, for an artist who only wants their numbers. An import ignores them.
 */
final class Spreadsheets {

    static final String SALES = "sales";
    static final String BUYERS = "buyers";

    private Spreadsheets() {
    }

    static void sales(Connection connection, List<String> artistIds, Path file) throws SQLException, IOException {
        String sql = "SELECT p.id, p.created_at, r.title, p.email, p.amount_minor, p.currency, p.status, p.source"
                + " FROM purchases p JOIN releases r ON r.id = p.release_id WHERE p.artist_id IN (<artists>)"
                + " ORDER BY p.created_at, p.id";
        write(connection, sql, artistIds, file, "id,created_at,release_title,email,amount,currency,status,source", rs -> {
            String amount = new Money(rs.getLong(5), Currency.getInstance(rs.getString(6))).amount();
            return List.of(rs.getString(1), instant(rs, 2), rs.getString(3), rs.getString(4), amount, rs.getString(6),
                    rs.getString(7), rs.getString(8));
        });
    }

    static void buyers(Connection connection, List<String> artistIds, Path file) throws SQLException, IOException {
        String sql = "SELECT email, COUNT(*), MIN(created_at), MAX(created_at) FROM purchases"
                + " WHERE artist_id IN (<artists>) AND status = 'confirmed' GROUP BY email ORDER BY email";
        write(connection, sql, artistIds, file, "email,purchases,first_purchase,last_purchase", rs ->
                List.of(rs.getString(1), Long.toString(rs.getLong(2)), instant(rs, 3), instant(rs, 4)));
    }

    private interface Line {
        List<String> of(ResultSet rs) throws SQLException;
    }

    private static void write(Connection connection, String sql, List<String> artistIds, Path file, String header, Line line)
            throws SQLException, IOException {
        try (PreparedStatement query = TableDump.prepare(connection, sql, artistIds);
             BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(header);
            out.write("\r\n");
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    out.write(String.join(",", line.of(rs).stream().map(SalesReport::cell).toList()));
                    out.write("\r\n");
                }
            }
        }
    }

    private static String instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? "" : t.toInstant().toString();
    }
}
