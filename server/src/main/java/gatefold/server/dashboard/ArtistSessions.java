package gatefold.server.dashboard;

import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.accounts.CurrentArtist.SignedIn;
import gatefold.server.http.ClientAddress;
import gatefold.server.security.Tokens;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Dashboard sign-ins. The cookie holds a random 256-bit token; the database holds only its
 * hash and an expiry. Each session has its own CSRF token, derived from that hash, which
 * every dashboard form and every cookie-authenticated API change must carry.
 */
public final class ArtistSessions implements CurrentArtist.Sessions {

    static final String COOKIE = "gatefold_artist";
    static final Duration LIFETIME = Duration.ofDays(14);
    private final Jdbi jdbi;
    private final Accounts accounts;
    private final URI publicUrl;

    public ArtistSessions(Jdbi jdbi, Accounts accounts, URI publicUrl) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.publicUrl = publicUrl;
    }

    /** Opens a session for the artist and sets its cookie. */
    void open(Context ctx, Artist artist) {
        String token = Tokens.randomBase64(32);
        Instant now = Instant.now();
        jdbi.useHandle(h -> {
            h.createUpdate("DELETE FROM artist_sessions WHERE expires_at < :now").bind("now", now).execute();
            h.createUpdate("""
                    INSERT INTO artist_sessions (token_hash, artist_id, expires_at, created_at)
                    VALUES (:hash, :artist, :expires, :now)""")
                    .bind("hash", Tokens.hash(token)).bind("artist", artist.id())
                    .bind("expires", now.plus(LIFETIME)).bind("now", now).execute();
        });
        setCookie(ctx, token, LIFETIME.toSeconds());
    }

    /** Ends the browser's session (if any) and clears its cookie. */
    void close(Context ctx) {
        String token = ctx.cookie(COOKIE);
        if (token != null) {
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM artist_sessions WHERE token_hash = :hash")
                    .bind("hash", Tokens.hash(token)).execute());
        }
        setCookie(ctx, "", 0);
    }

    Optional<SignedIn> find(Context ctx) {
        return find(ctx.cookie(COOKIE));
    }

    @Override
    public int endOthers(String artistId, Optional<String> keep) {
        String keepHash = keep.map(Tokens::hash).orElse("");
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM artist_sessions WHERE artist_id = :artist AND token_hash <> :keep")
                .bind("artist", artistId).bind("keep", keepHash).execute());
    }

    @Override
    public String cookieName() {
        return COOKIE;
    }

    @Override
    public Optional<SignedIn> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Tokens.hash(token);
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT artist_id FROM artist_sessions WHERE token_hash = :hash AND expires_at > :now")
                .bind("hash", hash).bind("now", Instant.now()).mapTo(String.class).findOne())
                .flatMap(accounts::byId)
                .map(artist -> new SignedIn(artist, Tokens.hash("dashboard-form:" + hash)));
    }

    private void setCookie(Context ctx, String value, long maxAge) {
        ctx.res().addHeader("Set-Cookie", COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax"
                + (ClientAddress.secureCookies(ctx, publicUrl) ? "; Secure" : ""));
    }
}
