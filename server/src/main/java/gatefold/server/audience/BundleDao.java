package gatefold.server.audience;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Bundle.class)
@RegisterConstructorMapper(BundleDao.Buyer.class)
interface BundleDao {

    /** A confirmed purchase of a bundle and who made it. */
    record Buyer(String purchaseId, String email) {
    }

    @SqlUpdate("""
            INSERT INTO bundles (id, artist_id, title, currency, price_minor, min_price_minor, includes_future, created_at)
            VALUES (:id, :artistId, :title, :currency, :priceMinor, :minPriceMinor, :includesFuture, :createdAt)""")
    void insert(@BindMethods Bundle bundle);

    @SqlUpdate("""
            UPDATE bundles SET title = :title, currency = :currency, price_minor = :priceMinor, min_price_minor = :minPriceMinor,
                   includes_future = :includesFuture
            WHERE id = :id""")
    void update(@BindMethods Bundle bundle);

    @SqlUpdate("DELETE FROM bundle_releases WHERE bundle_id = :bundleId")
    void clearReleases(@Bind("bundleId") String bundleId);

    /** Its releases go with it (ON DELETE CASCADE). */
    @SqlUpdate("DELETE FROM bundles WHERE id = :id")
    void delete(@Bind("id") String id);

    @SqlQuery("SELECT COUNT(*) > 0 FROM bundle_purchases WHERE bundle_id = :bundleId")
    boolean sold(@Bind("bundleId") String bundleId);

    @SqlUpdate("INSERT INTO bundle_releases (bundle_id, release_id) VALUES (:bundleId, :releaseId)")
    void addRelease(@Bind("bundleId") String bundleId, @Bind("releaseId") String releaseId);

    @SqlQuery("SELECT * FROM bundles WHERE id = :id")
    Optional<Bundle> find(@Bind("id") String id);

    @SqlQuery("SELECT * FROM bundles WHERE artist_id = :artistId ORDER BY created_at, id")
    List<Bundle> ofArtist(@Bind("artistId") String artistId);

    @SqlQuery("SELECT * FROM bundles WHERE artist_id = :artistId AND includes_future = TRUE")
    List<Bundle> growing(@Bind("artistId") String artistId);

    @SqlQuery("SELECT release_id FROM bundle_releases WHERE bundle_id = :bundleId ORDER BY release_id")
    List<String> releaseIds(@Bind("bundleId") String bundleId);

    @SqlUpdate("INSERT INTO bundle_purchases (purchase_id, bundle_id, created_at) VALUES (:purchaseId, :bundleId, :now)")
    void insertPurchase(@Bind("purchaseId") String purchaseId, @Bind("bundleId") String bundleId, @Bind("now") Instant now);

    @SqlQuery("SELECT bundle_id FROM bundle_purchases WHERE purchase_id = :purchaseId")
    Optional<String> bundleOf(@Bind("purchaseId") String purchaseId);

    @SqlQuery("""
            SELECT bp.purchase_id, p.email FROM bundle_purchases bp JOIN purchases p ON p.id = bp.purchase_id
            WHERE bp.bundle_id = :bundleId AND p.status = 'confirmed' ORDER BY bp.created_at, bp.purchase_id""")
    List<Buyer> buyers(@Bind("bundleId") String bundleId);

    @SqlUpdate("INSERT INTO bundle_grants (purchase_id, release_id, part_id) VALUES (:purchaseId, :releaseId, :partId)")
    void grant(@Bind("purchaseId") String purchaseId, @Bind("releaseId") String releaseId, @Bind("partId") String partId);

    @SqlQuery("SELECT part_id FROM bundle_grants WHERE purchase_id = :purchaseId ORDER BY release_id")
    List<String> parts(@Bind("purchaseId") String purchaseId);
}
