package gatefold.server.moving;

import gatefold.server.Gatefold;
import gatefold.server.config.Config;
import gatefold.server.config.Settings;
import gatefold.server.db.Database;
import gatefold.server.security.InstanceSettings;
import gatefold.server.security.MasterKey;
import gatefold.server.security.SecretBox;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything a stopped store holds of its artists, in a form two databases can be compared in:
 * every row of every table an archive carries without {@code --with-derived}, with values read by JDBC and written out the
 * same way whatever the database (times as instants, numbers without trailing zeros, bytes as hex),
 * and the SHA-256 of every stored file a row names. Sealed secrets are sealed under each store's
 * own master key, so only whether one is there is compared.
 *
 * <p>It reads the database with plain JDBC, not the export's own row code, so a value the archive
 * lost would show as a difference here.
 */
record StoreSnapshot(Map<String, List<String>> rows, Map<String, String> files) {

    static StoreSnapshot of(Map<String, String> settings) {
        Config config = Config.from(Settings.of(settings));
        try (Database database = Database.open(config)) {
            Map<String, List<String>> rows = new TreeMap<>();
            Set<String> keys = new TreeSet<>();
            List<MovedTables.Table> tables = new ArrayList<>(MovedTables.TABLES);
            tables.add(MovedTables.LINK_KEYS); // what was made from the masters is made again on the new store
            for (MovedTables.Table table : tables) {
                rows.put(table.name(), rowsOf(database, table, keys));
            }
            SecretBox secrets = new SecretBox(MasterKey.load(config.secretKey(), config.dataDir()));
            BlobStore store = Gatefold.openStore(config, config.publicUrl(config.port()), new InstanceSettings(database.jdbi()), secrets);
            try {
                Map<String, String> files = new TreeMap<>();
                for (String key : keys) {
                    if (store.head(BlobKey.of(key)).isPresent()) {
                        files.put(key, sha256(store, key));
                    }
                }
                return new StoreSnapshot(rows, files);
            } finally {
                store.close();
            }
        }
    }

    long count(String table) {
        return rows.get(table).size();
    }

    private static List<String> rowsOf(Database database, MovedTables.Table table, Set<String> keys) {
        String sql = table.select().replace("<artists>", "SELECT id FROM artists");
        Set<String> sealed = new TreeSet<>();
        MovedTables.sealedIn(table.name()).forEach(s -> sealed.add(s.column()));
        List<String> out = new ArrayList<>();
        try (var connection = database.dataSource().getConnection();
             var statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new TreeMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String column = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
                    String value = plain(rs.getObject(i));
                    if (value != null && value.startsWith("artists/")) {
                        keys.add(value);
                    }
                    row.put(column, sealed.contains(column) && value != null ? "(sealed)" : shortened(value));
                }
                out.add(row.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        out.sort(null);
        return out;
    }

    /** A long value (a prepared template, a key) by its digest, so a difference prints in a few lines. */
    private static String shortened(String value) {
        if (value == null || value.length() <= 160) {
            return value;
        }
        byte[] digest = TempFiles.sha256().digest(value.getBytes(StandardCharsets.UTF_8));
        return "(" + value.length() + " chars, sha256 " + HexFormat.of().formatHex(digest) + ")";
    }

    private static String plain(Object value) throws SQLException {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        if (value instanceof Clob c) {
            try (Reader in = c.getCharacterStream()) {
                StringWriter text = new StringWriter();
                in.transferTo(text);
                return text.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return value.toString();
    }

    private static String sha256(BlobStore store, String key) {
        try (InputStream in = store.get(BlobKey.of(key), ByteRange.ALL)) {
            return TempFiles.sha256(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
