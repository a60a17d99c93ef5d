package gatefold.server.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Artist.class)
@RegisterConstructorMapper(ApiToken.class)
public interface ArtistDao {

    @SqlUpdate("""
            INSERT INTO artists (id, slug, name, email, password_hash, bio, links, default_currency, storage_quota_bytes, created_at)
            VALUES (:id, :slug, :name, :email, :passwordHash, :bio, :links, :defaultCurrency, :storageQuotaBytes, :createdAt)""")
    void insert(@BindMethods Artist artist);

    @SqlQuery("SELECT * FROM artists WHERE id = :id")
    Optional<Artist> byId(@Bind("id") String id);

    @SqlQuery("SELECT * FROM artists WHERE email = :email")
    Optional<Artist> byEmail(@Bind("email") String email);

    @SqlQuery("SELECT * FROM artists WHERE slug = :slug")
    Optional<Artist> bySlug(@Bind("slug") String slug);

    @SqlQuery("SELECT * FROM artists ORDER BY created_at")
    List<Artist> all();

    @SqlQuery("SELECT COUNT(*) > 0 FROM artists WHERE slug = :slug")
    boolean slugTaken(@Bind("slug") String slug);

    @SqlUpdate("""
            UPDATE artists SET slug = :slug, name = :name, email = :email, password_hash = :passwordHash, bio = :bio,
                   links = :links, default_currency = :defaultCurrency, storage_quota_bytes = :storageQuotaBytes
            WHERE id = :id""")
    void update(@BindMethods Artist artist);

    @SqlUpdate("""
            INSERT INTO api_tokens (id, artist_id, token_hash, label, created_at)
            VALUES (:id, :artistId, :tokenHash, :label, :createdAt)""")
    void insertToken(@BindMethods ApiToken token);

    @SqlQuery("SELECT * FROM api_tokens WHERE token_hash = :hash AND revoked_at IS NULL")
    Optional<ApiToken> liveToken(@Bind("hash") String hash);

    @SqlQuery("SELECT * FROM api_tokens WHERE artist_id = :artistId ORDER BY created_at")
    List<ApiToken> tokensOf(@Bind("artistId") String artistId);

    @SqlUpdate("UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND artist_id = :artistId AND revoked_at IS NULL")
    int revokeToken(@Bind("id") String id, @Bind("artistId") String artistId, @Bind("now") Instant now);

    @SqlUpdate("UPDATE api_tokens SET last_used_at = :now WHERE id = :id")
    void touchToken(@Bind("id") String id, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE api_tokens SET revoked_at = :now
            WHERE artist_id = :artistId AND revoked_at IS NULL AND token_hash <> :keepHash""")
    int revokeTokensExcept(@Bind("artistId") String artistId, @Bind("keepHash") String keepHash, @Bind("now") Instant now);

    @SqlQuery("SELECT COUNT(*) FROM api_tokens WHERE artist_id = :artistId AND revoked_at IS NULL AND token_hash <> :exceptHash")
    int liveTokensExcept(@Bind("artistId") String artistId, @Bind("exceptHash") String exceptHash);
}
