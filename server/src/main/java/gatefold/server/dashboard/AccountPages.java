package gatefold.server.dashboard;

import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist.SignedIn;
import gatefold.server.accounts.LoginLimiter;
import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import gatefold.server.http.ErrorPages;
import gatefold.web.views.dashboard.AccountPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * /dashboard/account: the artist changes their password. The current one is checked under
 * the same limits as a sign-in; a change signs out every other browser, and the artist
 * chooses whether their API tokens (scripts, `gatefold push`) stop working too.
 */
final class AccountPages {

    private final Dashboard dashboard;
    private final ArtistSessions sessions;
    private final Accounts accounts;
    private final LoginLimiter limiter;

    AccountPages(Dashboard dashboard, ArtistSessions sessions, Accounts accounts, LoginLimiter limiter) {
        this.dashboard = dashboard;
        this.sessions = sessions;
        this.accounts = accounts;
        this.limiter = limiter;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/dashboard/account", dashboard.page((ctx, signedIn) -> show(ctx, signedIn, null, null)));
        routes.post("/dashboard/account/password", dashboard.form(this::changePassword));
        routes.post("/dashboard/account/tokens/revoke", dashboard.form((ctx, signedIn) -> {
            int revoked = accounts.revokeTokensExcept(signedIn.artist(), Optional.empty());
            show(ctx, signedIn, revoked == 1 ? "1 API token was revoked." : revoked + " API tokens were revoked.", null);
        }));
    }

    private void changePassword(Context ctx, SignedIn signedIn) {
        Artist artist = signedIn.artist();
        String current = Optional.ofNullable(ctx.formParam("currentPassword")).orElse("");
        String fresh = Optional.ofNullable(ctx.formParam("password")).orElse("");
        boolean revokeTokens = "on".equals(ctx.formParam("revokeTokens"));
        try {
            if (artist.passwordHash() != null) {
                LoginLimiter.Attempt attempt = limiter.admit(artist.email(), ClientAddress.of(ctx));
                if (!accounts.passwordMatches(artist, current)) {
                    attempt.failed();
                    throw Refusal.forbidden("That is not your current password.");
                }
                attempt.succeeded();
            }
            accounts.changeProfile(artist, new Accounts.ProfileChange(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(fresh), Optional.empty(), Optional.empty(), Optional.empty()));
        } catch (Refusal refused) {
            ErrorPages.setStatus(ctx, refused);
            show(ctx, signedIn, null, refused.getMessage());
            return;
        }
        int ended = sessions.endOthers(artist.id(), Optional.ofNullable(ctx.cookie(ArtistSessions.COOKIE)));
        int revoked = revokeTokens ? accounts.revokeTokensExcept(artist, Optional.empty()) : 0;
        String notice = "Your password is changed." + (ended == 0 ? "" : ended == 1 ? " 1 other browser was signed out."
                : " " + ended + " other browsers were signed out.") + (revoked == 0 ? "" : revoked == 1 ? " 1 API token was revoked."
                : " " + revoked + " API tokens were revoked.");
        show(ctx, signedIn, notice, null);
    }

    private void show(Context ctx, SignedIn signedIn, String notice, String error) {
        Artist artist = accounts.byId(signedIn.artist().id()).orElse(signedIn.artist());
        int liveTokens = accounts.liveTokensExcept(artist, Optional.empty());
        dashboard.render(ctx, "dashboard/account.jte", new AccountPage(dashboard.nav(signedIn, "Account", "account"),
                artist.email(), artist.passwordHash() != null, liveTokens, notice, error));
    }
}
