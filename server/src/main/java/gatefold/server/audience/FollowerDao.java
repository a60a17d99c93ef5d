package gatefold.server.audience;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Follower.class)
interface FollowerDao {

    @SqlUpdate("""
            INSERT INTO followers (id, artist_id, email, state, source, confirm_hash, confirm_expires, leave_token, created_at,
                                   consented_at, left_at)
            VALUES (:id, :artistId, :email, :state, :source, :confirmHash, :confirmExpires, :leaveToken, :createdAt,
                    :consentedAt, :leftAt)""")
    void insert(@BindMethods Follower follower);

    @SqlQuery("SELECT * FROM followers WHERE artist_id = :artistId AND email = :email")
    Optional<Follower> find(@Bind("artistId") String artistId, @Bind("email") String email);

    /** A new confirmation link for a pending or left address; a following one is left alone. */
    @SqlUpdate("""
            UPDATE followers SET state = 'pending', confirm_hash = :hash, confirm_expires = :expires, source = :source
            WHERE id = :id AND state <> 'following'""")
    int askAgain(@Bind("id") String id, @Bind("hash") String hash, @Bind("expires") Instant expires,
                 @Bind("source") FollowSource source);

    @SqlQuery("SELECT * FROM followers WHERE confirm_hash = :hash")
    Optional<Follower> byConfirmHash(@Bind("hash") String hash);

    @SqlUpdate("""
            UPDATE followers SET state = 'following', consented_at = :now, confirm_hash = NULL, confirm_expires = NULL,
                   left_at = NULL
            WHERE id = :id AND state = 'pending' AND confirm_expires > :now""")
    int confirm(@Bind("id") String id, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM followers WHERE leave_token = :token")
    Optional<Follower> byLeaveToken(@Bind("token") String token);

    @SqlUpdate("""
            UPDATE followers SET state = 'left', left_at = :now, confirm_hash = NULL, confirm_expires = NULL
            WHERE id = :id AND state <> 'left'""")
    int leave(@Bind("id") String id, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM followers WHERE artist_id = :artistId ORDER BY created_at, id")
    List<Follower> all(@Bind("artistId") String artistId);

    /** Who hears of an announcement: following, and had said so by the time it was made. */
    @SqlQuery("""
            SELECT * FROM followers WHERE artist_id = :artistId AND state = 'following' AND consented_at <= :by
            ORDER BY consented_at, id""")
    List<Follower> reachable(@Bind("artistId") String artistId, @Bind("by") Instant by);
}
