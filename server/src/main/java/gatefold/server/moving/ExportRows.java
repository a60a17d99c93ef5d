package gatefold.server.moving;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The {@code artist_exports} table (V29): every statement the dashboard's exports run. */
final class ExportRows {

    /** One export as stored. */
    record Row(String id, String artistId, ExportState state, String jobId, String blobKey, Long size, String tokenHash,
               String sealedToken, String error, Instant createdAt, Instant readyAt, Instant expiresAt) {
        boolean busy() {
            return state.busy();
        }
    }

    private static final String COLUMNS = "id, artist_id, state, job_id, blob_key, size_bytes, token_hash, sealed_token, error,"
            + " created_at, ready_at, expires_at";
    private final Jdbi jdbi;

    ExportRows(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void insert(Handle h, String id, String artistId, String blobKey, Instant now) {
        h.createUpdate("INSERT INTO artist_exports (id, artist_id, building_for, state, blob_key, created_at)"
                        + " VALUES (:id, :a, :a, 'queued', :key, :now)")
                .bind("id", id).bind("a", artistId).bind("key", blobKey).bind("now", now).execute();
    }

    void jobStarted(Handle h, String id, String jobId) {
        h.createUpdate("UPDATE artist_exports SET job_id = :job WHERE id = :id").bind("id", id).bind("job", jobId).execute();
    }

    Optional<Row> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM artist_exports WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne());
    }

    Optional<Row> building(String artistId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM artist_exports WHERE building_for = :a")
                .bind("a", artistId).map((rs, ctx) -> row(rs)).findOne());
    }

    Optional<Row> latest(String artistId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM artist_exports WHERE artist_id = :a"
                        + " ORDER BY created_at DESC, id DESC LIMIT 1")
                .bind("a", artistId).map((rs, ctx) -> row(rs)).findOne());
    }

    int markBuilding(String id) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE artist_exports SET state = 'building' WHERE id = :id AND state IN"
                + " ('queued', 'building')").bind("id", id).execute());
    }

    int fail(String id, String reason) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE artist_exports SET state = 'failed', building_for = NULL, error = :e"
                + " WHERE id = :id AND state IN ('queued', 'building')").bind("id", id).bind("e", reason).execute());
    }

    /** Marks the export ready and hands back the older ready ones of the artist, whose rows are gone with it. */
    List<Row> ready(Handle h, Row row, long size, String tokenHash, String sealedToken, Instant now, Instant expires) {
        h.createUpdate("UPDATE artist_exports SET state = 'ready', building_for = NULL, size_bytes = :size, token_hash = :hash,"
                        + " sealed_token = :sealed, ready_at = :now, expires_at = :exp, error = NULL WHERE id = :id")
                .bind("id", row.id()).bind("size", size).bind("hash", tokenHash).bind("sealed", sealedToken).bind("now", now)
                .bind("exp", expires).execute();
        List<Row> older = h.createQuery("SELECT " + COLUMNS + " FROM artist_exports WHERE artist_id = :a AND id <> :id"
                        + " AND state IN ('ready', 'failed')")
                .bind("a", row.artistId()).bind("id", row.id()).map((rs, ctx) -> row(rs)).list();
        for (Row old : older) {
            h.createUpdate("DELETE FROM artist_exports WHERE id = :id").bind("id", old.id()).execute();
        }
        return older;
    }

    /** Ready exports whose link ran out before {@code now}, and failed ones asked for longer ago than a link lasts. */
    List<Row> expired(Instant now, Instant failedBefore) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM artist_exports WHERE (state = 'ready'"
                        + " AND expires_at <= :now) OR (state = 'failed' AND created_at <= :failed)")
                .bind("now", now).bind("failed", failedBefore).map((rs, ctx) -> row(rs)).list());
    }

    int delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM artist_exports WHERE id = :id").bind("id", id).execute());
    }

    Jdbi jdbi() {
        return jdbi;
    }

    private static Row row(ResultSet rs) throws SQLException {
        long size = rs.getLong("size_bytes");
        Long boxed = rs.wasNull() ? null : size;
        return new Row(rs.getString("id"), rs.getString("artist_id"), ExportState.of(rs.getString("state")), rs.getString("job_id"),
                rs.getString("blob_key"), boxed, rs.getString("token_hash"), rs.getString("sealed_token"), rs.getString("error"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("ready_at")), instant(rs.getTimestamp("expires_at")));
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
