package gatefold.server.delivery;

import gatefold.server.common.Named;
import gatefold.server.security.Tokens;
import gatefold.storage.BlobInfo;
import gatefold.storage.BlobKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Everything one click on a download link needs, read in a single query: the fan's
 * purchase (re-checked every time, so a refund ends the link at once), the file as it is
 * now (and whether a pre-order opens it yet), and the release's download limit. The file is
 * absent when it has left the release.
 */
record DeliveryTarget(String entitlementId, EntitlementStatus status, String releaseId, Integer downloadLimit,
                      String fileId, String name, long size, String contentType, String blobKey, Instant createdAt,
                      String releaseKind, String role, boolean availableNow) {

    private static final String SQL = """
            SELECT e.id, e.status, e.release_id, r.download_limit,
                   f.id AS file_id, f.name, f.size, f.content_type, f.blob_key, f.created_at,
                   r.kind, f.role, f.available_now
            FROM entitlements e
            JOIN releases r ON r.id = e.release_id
            LEFT JOIN release_files f ON f.id = ? AND f.release_id = e.release_id
            WHERE e.id = ?""";

    /**
     * Plain JDBC rather than Jdbi: this runs on every click of every download link, and
     * Jdbi's statement machinery cost as much as the query itself.
     */
    static Optional<DeliveryTarget> find(DataSource database, String entitlementId, String fileId) {
        try (Connection connection = database.getConnection(); PreparedStatement query = connection.prepareStatement(SQL)) {
            query.setString(1, fileId);
            query.setString(2, entitlementId);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up a download link's purchase", e);
        }
    }

    /** By position, in the SELECT's order: looking columns up by name costs a map per result. */
    private static DeliveryTarget read(ResultSet rs) throws SQLException {
        Object limit = rs.getObject(4);
        Timestamp created = rs.getTimestamp(10);
        return new DeliveryTarget(rs.getString(1), status(rs.getString(2)), rs.getString(3),
                limit == null ? null : ((Number) limit).intValue(), rs.getString(5), rs.getString(6),
                rs.getLong(7), rs.getString(8), rs.getString(9), created == null ? null : created.toInstant(), rs.getString(11),
                rs.getString(12), rs.getBoolean(13));
    }

    /** Whether the purchase opens this file now: confirmed, or a pre-order and the file available now. */
    boolean opens() {
        return status.opens(availableNow);
    }

    private static EntitlementStatus status(String word) {
        return Named.parse(EntitlementStatus.class, word).orElseThrow(() -> new IllegalStateException("unknown entitlement status " + word));
    }

    boolean hasFile() {
        return fileId != null;
    }

    /**
     * The file as the database knows it, so a download needs no question to the store
     * first. Blob keys are never reused for other bytes, so the ETag, made from the key,
     * changes exactly when the file's bytes do.
     */
    BlobInfo blob() {
        return new BlobInfo(BlobKey.of(blobKey), size, etag(blobKey), contentType, createdAt);
    }

    /** Blob keys are never reused for other bytes, so one made from the key changes exactly when the bytes do. */
    static String etag(String blobKey) {
        return Tokens.hash(blobKey).substring(0, 32);
    }
}
