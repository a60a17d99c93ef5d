package gatefold.server.books;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The artist's stamping choices and what preparing each book file gave (V21). */
@RegisterConstructorMapper(PreparedStamp.class)
interface StampDao {

    @SqlQuery("SELECT wording FROM stamp_wordings WHERE release_id = :releaseId")
    Optional<String> wording(@Bind("releaseId") String releaseId);

    @SqlUpdate("DELETE FROM stamp_wordings WHERE release_id = :releaseId")
    void forgetWording(@Bind("releaseId") String releaseId);

    @SqlUpdate("INSERT INTO stamp_wordings (release_id, wording, updated_at) VALUES (:releaseId, :wording, :now)")
    void insertWording(@Bind("releaseId") String releaseId, @Bind("wording") String wording, @Bind("now") Instant now);

    /** Files of the release whose stamping the artist turned off. */
    @SqlQuery("SELECT file_id FROM stamp_choices WHERE release_id = :releaseId AND stamped = FALSE")
    List<String> unstamped(@Bind("releaseId") String releaseId);

    @SqlQuery("SELECT stamped FROM stamp_choices WHERE file_id = :fileId")
    Optional<Boolean> choice(@Bind("fileId") String fileId);

    @SqlUpdate("DELETE FROM stamp_choices WHERE file_id = :fileId")
    void forgetChoice(@Bind("fileId") String fileId);

    @SqlUpdate("INSERT INTO stamp_choices (file_id, release_id, stamped, updated_at) VALUES (:fileId, :releaseId, :stamped, :now)")
    void insertChoice(@Bind("fileId") String fileId, @Bind("releaseId") String releaseId, @Bind("stamped") boolean stamped,
                      @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM book_stamps WHERE file_id = :fileId AND blob_key = :blobKey")
    Optional<PreparedStamp> stamp(@Bind("fileId") String fileId, @Bind("blobKey") String blobKey);

    /** Without the templates: for the artist's status. */
    @SqlQuery("""
            SELECT file_id, blob_key, release_id, state, reason, notes, NULL AS template, base_key, copy_length, prepared_at
            FROM book_stamps WHERE release_id = :releaseId""")
    List<PreparedStamp> stampsOf(@Bind("releaseId") String releaseId);

    @SqlUpdate("""
            INSERT INTO book_stamps (file_id, blob_key, release_id, state, reason, notes, template, base_key, copy_length, prepared_at)
            VALUES (:fileId, :blobKey, :releaseId, :state, :reason, :notes, :template, :baseKey, :copyLength, :preparedAt)""")
    void insert(@BindMethods PreparedStamp stamp);

    @SqlUpdate("DELETE FROM book_stamps WHERE file_id = :fileId AND blob_key = :blobKey")
    void forget(@Bind("fileId") String fileId, @Bind("blobKey") String blobKey);

    /** The buyer a copy names: the purchase's email, its first order id, and the day access began (UTC). */
    @SqlQuery("""
            SELECT e.email, COALESCE(MIN(p.id), e.id) AS order_id, e.created_at
            FROM entitlements e LEFT JOIN purchases p ON p.entitlement_id = e.id
            WHERE e.id = :id GROUP BY e.email, e.id, e.created_at""")
    @RegisterConstructorMapper(Buyer.class)
    Optional<Buyer> buyer(@Bind("id") String entitlementId);

    record Buyer(String email, String orderId, Instant createdAt) {
    }
}
