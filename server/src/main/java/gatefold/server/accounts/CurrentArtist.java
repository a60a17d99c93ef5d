package gatefold.server.accounts;

import gatefold.server.common.Refusal;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Who is calling: every artist endpoint starts with {@link #require}, which answers 401
 * for a missing, unknown or revoked token. Ownership is then checked by the feature
 * (another artist's release answers 404, so ids cannot be probed).
 */
public final class CurrentArtist {

    private final Accounts accounts;
    private final AdminToken adminToken;

    public CurrentArtist(Accounts accounts, AdminToken adminToken) {
        this.accounts = accounts;
        this.adminToken = adminToken;
    }

    /** Browser sessions of the dashboard, looked up by the value of their cookie. */
    public interface Sessions {
        String cookieName();

        Optional<SignedIn> find(String cookieValue);

        /** Ends every session of the artist except the one with cookie value {@code keep}; returns how many ended. */
        int endOthers(String artistId, Optional<String> keep);
    }

    /** A signed-in browser: the artist, and the CSRF token its state-changing requests must carry. */
    public record SignedIn(Artist artist, String csrfToken) {
    }

    public static final String CSRF_HEADER = "X-CSRF-Token";
    private volatile Sessions sessions;

    /** Lets the API also accept the dashboard's session cookie (Bearer tokens keep working as before). */
    public void acceptSessions(Sessions sessions) {
        this.sessions = sessions;
    }

    public Artist require(Context ctx) {
        Sessions browser = sessions;
        if (browser != null && ctx.header("Authorization") == null) {
            String cookie = ctx.cookie(browser.cookieName());
            if (cookie != null) {
                return fromSession(ctx, browser, cookie);
            }
        }
        return bearer(ctx).flatMap(accounts::byToken)
                .orElseThrow(() -> Refusal.unauthorized("Sign in, or send an artist API token as 'Authorization: Bearer <token>'."));
    }

    private static Artist fromSession(Context ctx, Sessions browser, String cookie) {
        SignedIn signedIn = browser.find(cookie)
                .orElseThrow(() -> Refusal.unauthorized("Your session has ended; sign in again."));
        String method = ctx.method().name();
        boolean changes = !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        // A cookie rides along on cross-site requests; the header proves the page was ours.
        if (changes && !constantTimeEquals(signedIn.csrfToken(), ctx.header(CSRF_HEADER))) {
            throw Refusal.forbidden("Requests made with a dashboard session need the '" + CSRF_HEADER + "' header.");
        }
        return signedIn.artist();
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return given != null && java.security.MessageDigest.isEqual(
                expected.getBytes(java.nio.charset.StandardCharsets.UTF_8), given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The API token this call was made with; empty when it came with the dashboard's session cookie. */
    public Optional<String> callingToken(Context ctx) {
        return bearer(ctx);
    }

    /** Ends every dashboard session of the artist but the one making this call (if it is one); returns how many. */
    public int endOtherSessions(Context ctx, Artist artist) {
        Sessions browser = sessions;
        if (browser == null) {
            return 0;
        }
        Optional<String> keep = ctx.header("Authorization") == null ? Optional.ofNullable(ctx.cookie(browser.cookieName()))
                : Optional.empty();
        return browser.endOthers(artist.id(), keep);
    }

    public boolean isAdmin(Context ctx) {
        return bearer(ctx).map(adminToken::matches).orElse(false);
    }

    public void requireAdmin(Context ctx) {
        if (!isAdmin(ctx)) {
            throw Refusal.unauthorized("This call needs the admin token as 'Authorization: Bearer <token>'.");
        }
    }

    static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
