package gatefold.server.moving;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Download-link keys from a whole-store export join the keys of this instance: a key this
 * instance has already is skipped, and imported keys only verify (they never become the
 * active signing key when this instance has one, and then verify for one link lifetime), so the
 * old links keep working.
 */
final class LinkKeysHook {

    private final java.sql.Connection connection;
    private final java.time.Duration linkLifetime;
    private Boolean hasActive;

    LinkKeysHook(java.sql.Connection connection, java.time.Duration linkLifetime) {
        this.connection = connection;
        this.linkLifetime = linkLifetime;
    }

    boolean accept(String table, Map<String, Object> row) throws SQLException {
        if (!table.equals(MovedTables.LINK_KEYS.name())) {
            return true;
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM link_keys WHERE kid = ?")) {
            query.setString(1, String.valueOf(row.get("kid")));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return false;
                }
            }
        }
        if (hasActive == null) {
            try (ResultSet rs = connection.createStatement().executeQuery("SELECT COUNT(*) FROM link_keys WHERE active = TRUE")) {
                rs.next();
                hasActive = rs.getLong(1) > 0;
            }
        }
        if (hasActive && Boolean.TRUE.equals(row.get("active"))) {
            // Retired as a rotation retires a key: it verifies the links it signed until they have all expired.
            row.put("active", false);
            row.put("verify_until", java.time.Instant.now().plus(linkLifetime).toString());
        }
        return true;
    }
}
