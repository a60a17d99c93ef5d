package gatefold.server.dashboard;

import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.Artist;
import gatefold.server.accounts.LoginLimiter;
import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import gatefold.server.http.ErrorPages;
import gatefold.server.library.FormToken;
import gatefold.web.views.Layout;
import gatefold.web.views.dashboard.SignInPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

/** GET/POST /dashboard/signin and POST /dashboard/signout. */
final class SignInPages {

    private static final String WRONG = "That email and password do not match an account here.";
    private final Dashboard dashboard;
    private final ArtistSessions sessions;
    private final Accounts accounts;
    private final LoginLimiter limiter;
    private final String storeName;

    SignInPages(Dashboard dashboard, ArtistSessions sessions, Accounts accounts, LoginLimiter limiter, String storeName) {
        this.dashboard = dashboard;
        this.sessions = sessions;
        this.accounts = accounts;
        this.limiter = limiter;
        this.storeName = storeName;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/dashboard/signin", ctx -> {
            if (sessions.find(ctx).isPresent()) {
                Dashboard.seeOther(ctx, next(ctx.queryParam("next")));
                return;
            }
            show(ctx, "", ctx.queryParam("next"), null);
        });
        routes.post("/dashboard/signin", this::signIn);
        routes.post("/dashboard/signout", dashboard.form((ctx, signedIn) -> {
            sessions.close(ctx);
            Dashboard.seeOther(ctx, "/dashboard/signin");
        }));
    }

    private void signIn(Context ctx) {
        FormToken.check(ctx);
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("").strip();
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        String next = ctx.formParam("next");
        if (email.isEmpty() || password.isEmpty() || email.length() > 320 || password.length() > 1000) {
            ctx.status(422);
            show(ctx, email, next, "Enter your email and password.");
            return;
        }
        LoginLimiter.Attempt attempt;
        Optional<Artist> artist;
        try {
            attempt = limiter.admit(email, ClientAddress.of(ctx));
            artist = accounts.signIn(email, password);
        } catch (Refusal refused) {
            // Too many failures, too many password checks at once, or not an email address.
            ErrorPages.setStatus(ctx, refused);
            show(ctx, email, next, refused.getMessage());
            return;
        }
        if (artist.isEmpty()) {
            attempt.failed();
            ctx.status(401);
            show(ctx, email, next, WRONG);
            return;
        }
        attempt.succeeded();
        sessions.open(ctx, artist.get());
        Dashboard.seeOther(ctx, next(next));
    }

    void show(Context ctx, String email, String next, String error) {
        Dashboard.noStore(ctx);
        String token = FormToken.issue(ctx, ClientAddress.secureCookies(ctx, dashboard.publicUrl()));
        dashboard.render(ctx, "dashboard/signin.jte",
                new SignInPage(Layout.of("Sign in", storeName), token, email, next(next), error));
    }

    /** Only a dashboard path on this server, so the form cannot be used to send an artist elsewhere. */
    static String next(String raw) {
        if (raw == null || !raw.startsWith("/dashboard") || raw.startsWith("//") || raw.contains("\\")
                || raw.startsWith("/dashboard/signin") || raw.length() > 500) {
            return "/dashboard";
        }
        return raw;
    }
}
