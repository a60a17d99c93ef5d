package gatefold.server.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Entitlement.class)
@RegisterConstructorMapper(LinkKey.class)
@RegisterConstructorMapper(DownloadStats.FileCount.class)
@RegisterConstructorMapper(DownloadStats.DayCount.class)
public interface DeliveryDao {

    @SqlUpdate("""
            INSERT INTO entitlements (id, release_id, email, status, created_at, updated_at)
            VALUES (:id, :releaseId, :email, :status, :createdAt, :updatedAt)""")
    void insertEntitlement(@BindMethods Entitlement entitlement);

    @SqlQuery("SELECT * FROM entitlements WHERE id = :id")
    Optional<Entitlement> entitlement(@Bind("id") String id);

    @SqlUpdate("UPDATE entitlements SET status = :status, updated_at = :now WHERE id = :id")
    int setStatus(@Bind("id") String id, @Bind("status") EntitlementStatus status, @Bind("now") Instant now);

    /** A pre-order whose day came; only from {@code preordered}, so it opens once however many instances reach it. */
    @SqlUpdate("UPDATE entitlements SET status = 'confirmed', updated_at = :now WHERE id = :id AND status = 'preordered'")
    int openPreorder(@Bind("id") String id, @Bind("now") Instant now);

    @SqlQuery("SELECT COUNT(*) > 0 FROM entitlements WHERE release_id = :releaseId")
    boolean releaseHasEntitlements(@Bind("releaseId") String releaseId);

    @SqlQuery("SELECT * FROM link_keys WHERE active = TRUE OR verify_until > :now ORDER BY created_at")
    List<LinkKey> usableKeys(@Bind("now") Instant now);

    @SqlQuery("SELECT * FROM link_keys WHERE kid = :kid AND (active = TRUE OR verify_until > :now)")
    Optional<LinkKey> usableKey(@Bind("kid") String kid, @Bind("now") Instant now);

    @SqlUpdate("INSERT INTO link_keys (kid, sealed_secret, active, created_at) VALUES (:kid, :sealedSecret, :active, :createdAt)")
    void insertKey(@BindMethods LinkKey key);

    @SqlUpdate("UPDATE link_keys SET active = FALSE, verify_until = :until WHERE active = TRUE AND kid <> :keep")
    int retireAllBut(@Bind("keep") String keep, @Bind("until") Instant until);

    @SqlQuery("SELECT downloads FROM download_counts WHERE entitlement_id = :entitlementId AND file_id = :fileId")
    Optional<Integer> downloads(@Bind("entitlementId") String entitlementId, @Bind("fileId") String fileId);

    @SqlQuery("""
            SELECT file_id, SUM(requests) AS downloads FROM download_log
            WHERE release_id = :releaseId AND counted = TRUE GROUP BY file_id ORDER BY file_id""")
    List<DownloadStats.FileCount> countsPerFile(@Bind("releaseId") String releaseId);

    @SqlQuery("""
            SELECT CAST(downloaded_at AS DATE) AS download_day, SUM(requests) AS downloads FROM download_log
            WHERE release_id = :releaseId AND counted = TRUE GROUP BY CAST(downloaded_at AS DATE) ORDER BY download_day""")
    List<DownloadStats.DayCount> countsPerDay(@Bind("releaseId") String releaseId);
}
