package gatefold.server.moving;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What an import changes in rows on their way in: a renamed artist's new slug ({@code --rename}),
 * download-link keys joining this instance's ({@link LinkKeysHook}), and derived rows this store
 * has already under the same content key (another artist with the very same master), which are
 * skipped rather than doubled. Skipped rows are counted, so the ownership check still adds up.
 */
final class ImportHooks {

    /** A derived table and the column that names its content. */
    private static final Map<String, String> CONTENT_KEYS = Map.of("derived_files", "derived_key", "film_streams", "stream_key");

    private final Connection connection;
    private final LinkKeysHook linkKeys;
    private final Map<String, String> newSlugs;
    private final Map<String, Long> skipped = new HashMap<>();

    /** {@code newSlugs}: artist id to the slug it takes here. */
    ImportHooks(Connection connection, Duration linkLifetime, Map<String, String> newSlugs) {
        this.connection = connection;
        this.linkKeys = new LinkKeysHook(connection, linkLifetime);
        this.newSlugs = newSlugs;
    }

    boolean accept(String table, Map<String, Object> row) throws SQLException {
        if (table.equals("artists") && newSlugs.containsKey(String.valueOf(row.get("id")))) {
            row.put("slug", newSlugs.get(String.valueOf(row.get("id"))));
        }
        String contentKey = CONTENT_KEYS.get(table);
        boolean keep = contentKey == null ? linkKeys.accept(table, row) : !exists(table, contentKey, row.get(contentKey));
        if (!keep) {
            skipped.merge(table, 1L, Long::sum);
        }
        return keep;
    }

    /** How many rows of a table were left out on purpose. */
    long skipped(String table) {
        return skipped.getOrDefault(table, 0L);
    }

    private boolean exists(String table, String column, Object value) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?")) {
            query.setString(1, String.valueOf(value));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}
