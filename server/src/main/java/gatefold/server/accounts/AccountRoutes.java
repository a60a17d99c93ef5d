package gatefold.server.accounts;

import gatefold.server.common.Fields;
import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** POST /api/artists, POST/GET/DELETE /api/tokens, GET/PATCH /api/me, admin PATCH /api/artists/{id}. */
public final class AccountRoutes implements RouteGroup {

    private final Accounts accounts;
    private final CurrentArtist current;
    private final LoginLimiter limiter;
    private final boolean openSignup;
    private final Optional<Long> signupQuotaBytes;
    private final URI publicUrl;

    public AccountRoutes(Accounts accounts, CurrentArtist current, LoginLimiter limiter, boolean openSignup, URI publicUrl) {
        this(accounts, current, limiter, openSignup, Optional.empty(), publicUrl);
    }

    /** {@code signupQuotaBytes}: the storage quota of artists who sign up on their own (empty: unlimited). */
    public AccountRoutes(Accounts accounts, CurrentArtist current, LoginLimiter limiter, boolean openSignup,
                         Optional<Long> signupQuotaBytes, URI publicUrl) {
        this.accounts = accounts;
        this.current = current;
        this.limiter = limiter;
        this.openSignup = openSignup;
        this.signupQuotaBytes = signupQuotaBytes;
        this.publicUrl = publicUrl;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/artists", this::createArtist);
        routes.patch("/api/artists/{id}", this::adminUpdate);
        routes.post("/api/tokens", this::issueToken);
        routes.get("/api/tokens", this::listTokens);
        routes.delete("/api/tokens/{id}", this::revokeToken);
        routes.get("/api/me", ctx -> ctx.json(view(current.require(ctx))));
        routes.patch("/api/me", this::updateMe);
    }

    private void createArtist(Context ctx) {
        boolean admin = current.isAdmin(ctx);
        if (!admin && !openSignup) {
            throw Refusal.unauthorized("Creating an artist needs the admin token (open signup is off).");
        }
        Fields body = JsonBody.of(ctx, Set.of("name", "email", "password"));
        // The operator vouches for artists they create; a stranger signing up gets the default quota.
        Accounts.NewArtist created = accounts.createArtist(body.requiredString("name", 200),
                body.requiredString("email", 320), body.string("password", 1000),
                admin ? Optional.empty() : signupQuotaBytes);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", created.artist().id());
        out.put("slug", created.artist().slug());
        out.put("apiToken", created.apiToken());
        ctx.status(201).json(out);
    }

    private void adminUpdate(Context ctx) {
        current.requireAdmin(ctx);
        Artist artist = accounts.byId(ctx.pathParam("id")).orElseThrow(() -> Refusal.notFound("No such artist."));
        Fields body = JsonBody.of(ctx, Set.of("storageQuotaBytes"));
        Long quota = body.integer("storageQuotaBytes", 0, Long.MAX_VALUE).orElse(null);
        Artist updated = accounts.update(new Artist(artist.id(), artist.slug(), artist.name(), artist.email(),
                artist.passwordHash(), artist.bio(), artist.links(), artist.defaultCurrency(), quota, artist.createdAt()));
        ctx.json(view(updated));
    }

    private void issueToken(Context ctx) {
        Fields body = JsonBody.of(ctx, Set.of("email", "password", "label"));
        String email = body.requiredString("email", 320);
        String password = body.requiredString("password", 1000);
        String label = body.string("label", 200).orElse("API token");
        LoginLimiter.Attempt attempt = limiter.admit(email, ClientAddress.of(ctx));
        Artist artist = accounts.signIn(email, password).orElseThrow(() -> {
            attempt.failed();
            return Refusal.unauthorized("Email or password is wrong.");
        });
        attempt.succeeded();
        Accounts.IssuedToken issued = accounts.issueToken(artist, label);
        Map<String, Object> out = tokenView(issued.token());
        out.put("apiToken", issued.secret());
        ctx.status(201).json(out);
    }

    private void listTokens(Context ctx) {
        Artist artist = current.require(ctx);
        ctx.json(accounts.tokens(artist).stream().map(AccountRoutes::tokenView).toList());
    }

    private void revokeToken(Context ctx) {
        Artist artist = current.require(ctx);
        if (!accounts.revokeToken(artist, ctx.pathParam("id"))) {
            throw Refusal.notFound("No such live token.");
        }
        ctx.status(204);
    }

    private void updateMe(Context ctx) {
        Artist artist = current.require(ctx);
        Fields body = JsonBody.of(ctx, Set.of("name", "slug", "email", "password", "currentPassword", "bio", "links",
                "defaultCurrency", "revokeTokens"));
        Optional<String> password = body.string("password", 1000);
        boolean revokeTokens = body.raw("revokeTokens").map(node -> {
            if (!node.isBoolean()) {
                throw Refusal.invalid("'revokeTokens' must be true or false.");
            }
            return node.booleanValue();
        }).orElse(false);
        if (password.isPresent() || body.has("email")) {
            requireCurrentPassword(ctx, artist, body.string("currentPassword", 1000).orElse(""));
        }
        Artist updated = accounts.changeProfile(artist, new Accounts.ProfileChange(body.string("name", 200),
                body.string("slug", 60), body.string("email", 320), password, body.string("bio", 8000),
                body.strings("links", 20, 500), body.string("defaultCurrency", 3)));
        Map<String, Object> out = view(updated);
        if (password.isPresent() || revokeTokens) {
            out.put("access", access(ctx, updated, password.isPresent(), revokeTokens));
        }
        ctx.json(out);
    }

    /** Changing how one signs in needs the current password (when there is one), guessed no faster than at sign-in. */
    private void requireCurrentPassword(Context ctx, Artist artist, String given) {
        if (artist.passwordHash() == null) {
            return;
        }
        LoginLimiter.Attempt attempt = limiter.admit(artist.email(), ClientAddress.of(ctx));
        if (!accounts.passwordMatches(artist, given)) {
            attempt.failed();
            throw Refusal.forbidden("'currentPassword' is needed to change the email or password.");
        }
        attempt.succeeded();
    }

    /**
     * After a password change every other dashboard session ends; API tokens keep working
     * unless {@code revokeTokens} was sent, and the answer says how many do, so a client can
     * ask its artist whether to revoke them too.
     */
    private Map<String, Object> access(Context ctx, Artist artist, boolean passwordChanged, boolean revokeTokens) {
        Optional<String> calling = current.callingToken(ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        if (passwordChanged) {
            out.put("otherSessionsEnded", current.endOtherSessions(ctx, artist));
        }
        out.put("tokensRevoked", revokeTokens ? accounts.revokeTokensExcept(artist, calling) : 0);
        int live = accounts.liveTokensExcept(artist, calling);
        out.put("otherLiveTokens", live);
        if (live > 0) {
            out.put("ask", live + " other API token" + (live == 1 ? " still works" : "s still work")
                    + ". Send {\"revokeTokens\": true} to revoke every token but the one making this call.");
        }
        return out;
    }

    private Map<String, Object> view(Artist a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", a.id());
        out.put("slug", a.slug());
        out.put("name", a.name());
        out.put("email", a.email());
        out.put("bio", a.bio());
        out.put("links", accounts.links(a));
        out.put("defaultCurrency", a.defaultCurrency());
        out.put("storageQuotaBytes", a.storageQuotaBytes());
        out.put("url", publicUrl + "/" + a.slug());
        out.put("createdAt", a.createdAt());
        return out;
    }

    private static Map<String, Object> tokenView(ApiToken t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("label", t.label());
        out.put("createdAt", t.createdAt());
        out.put("lastUsedAt", t.lastUsedAt());
        out.put("revoked", t.revokedAt() != null);
        return out;
    }

}
