package gatefold.server.dashboard;

import gatefold.server.accounts.Artist;
import gatefold.server.accounts.LoginLimiter;
import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import gatefold.server.http.ErrorPages;
import gatefold.server.library.FormToken;
import gatefold.web.views.Layout;
import gatefold.web.views.MessagePage;
import gatefold.web.views.dashboard.SignInLinkPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Signing in with an emailed link: POST /dashboard/signin/link asks for one; the link
 * (GET /dashboard/signin/link/{token}) shows one button, and only pressing it spends the link,
 * so mail scanners that open links first do not use it up. A place signed in from this way
 * is known from then on, like one where the password was right.
 */
final class LinkSignInPages {

    static final String SENT = "If this email belongs to an artist here, a sign-in link is on its way. It works once, for 15 minutes.";
    private static final String GONE = "This sign-in link was already used or has expired. Ask for a new one below.";
    private final Dashboard dashboard;
    private final SignInPages signIn;
    private final ArtistSessions sessions;
    private final SignInLinks links;
    private final LoginLimiter limiter;
    private final String storeName;

    LinkSignInPages(Dashboard dashboard, SignInPages signIn, ArtistSessions sessions, SignInLinks links, LoginLimiter limiter,
                    String storeName) {
        this.dashboard = dashboard;
        this.signIn = signIn;
        this.sessions = sessions;
        this.links = links;
        this.limiter = limiter;
        this.storeName = storeName;
    }

    void addTo(RoutesConfig routes) {
        routes.post("/dashboard/signin/link", this::ask);
        routes.get("/dashboard/signin/link/{token}", this::confirm);
        routes.post("/dashboard/signin/link/{token}", this::use);
    }

    private void ask(Context ctx) {
        FormToken.check(ctx);
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("").strip();
        try {
            links.request(email, ClientAddress.of(ctx));
        } catch (Refusal refused) {
            ErrorPages.setStatus(ctx, refused);
            signIn.show(ctx, email, null, refused.getMessage());
            return;
        }
        Dashboard.noStore(ctx);
        dashboard.render(ctx, "message.jte", new MessagePage(Layout.of("Check your email", storeName), "Check your email", SENT,
                "/dashboard/signin", "Back to sign-in"));
    }

    private void confirm(Context ctx) {
        Dashboard.noStore(ctx);
        ctx.header("Referrer-Policy", "no-referrer");
        String token = ctx.pathParam("token");
        if (!links.isUsable(token)) {
            gone(ctx);
            return;
        }
        String formToken = FormToken.issue(ctx, ClientAddress.secureCookies(ctx, dashboard.publicUrl()));
        dashboard.render(ctx, "dashboard/signin-link.jte", new SignInLinkPage(Layout.of("Sign in", storeName),
                "/dashboard/signin/link/" + token, formToken));
    }

    private void use(Context ctx) {
        Dashboard.noStore(ctx);
        ctx.header("Referrer-Policy", "no-referrer");
        FormToken.check(ctx);
        Optional<Artist> artist = links.use(ctx.pathParam("token"));
        if (artist.isEmpty()) {
            gone(ctx);
            return;
        }
        limiter.signedInWithoutPassword(artist.get().email(), ClientAddress.of(ctx));
        sessions.open(ctx, artist.get());
        Dashboard.seeOther(ctx, "/dashboard");
    }

    private void gone(Context ctx) {
        ctx.status(410);
        signIn.show(ctx, "", null, GONE);
    }
}
