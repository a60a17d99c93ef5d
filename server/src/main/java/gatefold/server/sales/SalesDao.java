package gatefold.server.sales;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Purchase.class)
public interface SalesDao {

    @SqlUpdate("""
            INSERT INTO purchases (id, release_id, artist_id, entitlement_id, email, amount_minor, currency, status, source,
                                   created_at, updated_at)
            VALUES (:id, :releaseId, :artistId, :entitlementId, :email, :amountMinor, :currency, :status, :source,
                    :createdAt, :updatedAt)""")
    void insert(@BindMethods Purchase purchase);

    @SqlQuery("SELECT * FROM purchases WHERE id = :id")
    Optional<Purchase> byId(@Bind("id") String id);

    @SqlQuery("SELECT * FROM purchases WHERE artist_id = :artistId ORDER BY created_at DESC, id")
    List<Purchase> ofArtist(@Bind("artistId") String artistId);

    @SqlQuery("SELECT * FROM purchases WHERE artist_id = :artistId AND release_id = :releaseId ORDER BY created_at DESC, id")
    List<Purchase> ofRelease(@Bind("artistId") String artistId, @Bind("releaseId") String releaseId);

    @SqlUpdate("UPDATE purchases SET status = :status, updated_at = :now WHERE id = :id")
    void setStatus(@Bind("id") String id, @Bind("status") String status, @Bind("now") Instant now);
}
