package gatefold.server.moving;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one table's rows for the moved artists to a temporary file, one JSON object per line,
 * reading them with a cursor so a table of any length passes in bounded memory. The file's
 * size and SHA-256 go into the manifest before the archive is written.
 */
final class TableDump {

    private static final int FETCH = 500;

    private TableDump() {
    }

    static Manifest.TablePart dump(Connection connection, MovedTables.Table table, List<String> artistIds, Path file,
                                   MovedSecrets secrets) throws SQLException, IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long rows = 0;
        try (PreparedStatement query = prepare(connection, table.select(), artistIds);
             OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
            try (ResultSet rs = query.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c).toLowerCase(java.util.Locale.ROOT), RowValues.read(rs, c, meta.getColumnType(c)));
                    }
                    secrets.exportRow(table.name(), row);
                    out.write(Manifest.JSON.writeValueAsBytes(row));
                    out.write('\n');
                    rows++;
                }
            }
        }
        return new Manifest.TablePart(table.name(), ArchiveLayout.table(table.name()), rows, Files.size(file),
                HexFormat.of().formatHex(sha.digest()));
    }

    /** The query with {@code <artists>} replaced by one parameter per artist id, read with a cursor. */
    static PreparedStatement prepare(Connection connection, String sql, List<String> artistIds) throws SQLException {
        String placeholders = String.join(", ", Collections.nCopies(artistIds.size(), "?"));
        String expanded = sql.replace("<artists>", placeholders);
        PreparedStatement query = connection.prepareStatement(expanded);
        int slots = (int) expanded.chars().filter(c -> c == '?').count();
        for (int i = 0; i < slots; i++) {
            query.setString(i + 1, artistIds.get(i % artistIds.size()));
        }
        query.setFetchSize(FETCH);
        return query;
    }
}
