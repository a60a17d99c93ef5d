package gatefold.server.accounts;

import gatefold.server.http.ApiError;
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

    public Artist require(Context ctx) {
        return bearer(ctx).flatMap(accounts::byToken)
                .orElseThrow(() -> ApiError.unauthorized("Sign in, or send an artist API token as 'Authorization: Bearer <token>'."));
    }

    public boolean isAdmin(Context ctx) {
        return bearer(ctx).map(adminToken::matches).orElse(false);
    }

    public void requireAdmin(Context ctx) {
        if (!isAdmin(ctx)) {
            throw ApiError.unauthorized("This call needs the admin token as 'Authorization: Bearer <token>'.");
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
