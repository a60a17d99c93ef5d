package gatefold.server.delivery;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The rows a limited download is decided from: the purchase's count per file, and its open windows. */
@RegisterConstructorMapper(Allowances.Window.class)
interface AllowanceDao {

    @SqlUpdate("INSERT INTO download_counts (entitlement_id, file_id, downloads) VALUES (:entitlementId, :itemId, 0)")
    void insertCount(@Bind("entitlementId") String entitlementId, @Bind("itemId") String itemId);

    /** Locks the purchase's count for this file until the transaction ends: one decision at a time per fan and file. */
    @SqlQuery("SELECT downloads FROM download_counts WHERE entitlement_id = :entitlementId AND file_id = :itemId FOR UPDATE")
    Optional<Integer> lockCount(@Bind("entitlementId") String entitlementId, @Bind("itemId") String itemId);

    @SqlUpdate("UPDATE download_counts SET downloads = downloads + 1 WHERE entitlement_id = :entitlementId AND file_id = :itemId")
    void addDownload(@Bind("entitlementId") String entitlementId, @Bind("itemId") String itemId);

    /** Downloads made without a limit to check ({@link DownloadCounter}); 0 when the count has no row yet. */
    @SqlUpdate("UPDATE download_counts SET downloads = downloads + :n WHERE entitlement_id = :entitlementId AND file_id = :itemId")
    int addDownloads(@Bind("entitlementId") String entitlementId, @Bind("itemId") String itemId, @Bind("n") int n);

    @SqlUpdate("INSERT INTO download_counts (entitlement_id, file_id, downloads) VALUES (:entitlementId, :itemId, :n)")
    void insertCountOf(@Bind("entitlementId") String entitlementId, @Bind("itemId") String itemId, @Bind("n") int n);

    @SqlQuery("""
            SELECT opened_at, open_until, charged_bytes FROM download_windows
            WHERE entitlement_id = :entitlementId AND item_id = :itemId AND format = :format""")
    Optional<Allowances.Window> window(@Bind("entitlementId") String entitlementId, @Bind("itemId") String itemId,
                                       @Bind("format") String format);

    @SqlUpdate("""
            UPDATE download_windows SET charged_bytes = charged_bytes + :bytes
            WHERE entitlement_id = :entitlementId AND item_id = :itemId AND format = :format""")
    void charge(@Bind("entitlementId") String entitlementId, @Bind("itemId") String itemId, @Bind("format") String format,
                @Bind("bytes") long bytes);

    @SqlUpdate("""
            UPDATE download_windows SET opened_at = :now, open_until = :until, charged_bytes = :bytes
            WHERE entitlement_id = :entitlementId AND item_id = :itemId AND format = :format""")
    int reopen(@Bind("entitlementId") String entitlementId, @Bind("itemId") String itemId, @Bind("format") String format,
               @Bind("now") Instant now, @Bind("until") Instant until, @Bind("bytes") long bytes);

    @SqlUpdate("""
            INSERT INTO download_windows (entitlement_id, item_id, format, opened_at, open_until, charged_bytes)
            VALUES (:entitlementId, :itemId, :format, :now, :until, :bytes)""")
    void open(@Bind("entitlementId") String entitlementId, @Bind("itemId") String itemId, @Bind("format") String format,
              @Bind("now") Instant now, @Bind("until") Instant until, @Bind("bytes") long bytes);

    @SqlQuery("SELECT downloads FROM download_counts WHERE entitlement_id = :entitlementId AND file_id = :itemId")
    Optional<Integer> downloads(@Bind("entitlementId") String entitlementId, @Bind("itemId") String itemId);
}
