package gatefold.server.dashboard;

import gatefold.server.accounts.CurrentArtist.SignedIn;
import gatefold.server.common.Money;
import gatefold.server.common.Refusal;
import gatefold.web.Pages;
import gatefold.web.views.Layout;
import gatefold.web.views.dashboard.Choice;
import gatefold.web.views.dashboard.Nav;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What every dashboard page shares: who is signed in (or a redirect to the sign-in form),
 * the per-session CSRF check on every form post, and rendering inside the dashboard frame.
 */
final class Dashboard {

    static final String CSRF_FIELD = "csrf";
    private final ArtistSessions sessions;
    private final Pages pages;
    private final URI publicUrl;
    private final String storeName;

    Dashboard(ArtistSessions sessions, Pages pages, URI publicUrl, String storeName) {
        this.sessions = sessions;
        this.pages = pages;
        this.publicUrl = publicUrl;
        this.storeName = storeName;
    }

    /** A page handler that runs only for a signed-in artist. */
    @FunctionalInterface
    interface Page {
        void handle(Context ctx, SignedIn signedIn) throws Exception;
    }

    /** A GET page: without a session the browser is sent to the sign-in form and back here afterwards. */
    Handler page(Page page) {
        return ctx -> {
            Optional<SignedIn> signedIn = sessions.find(ctx);
            if (signedIn.isEmpty()) {
                String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
                ctx.redirect("/dashboard/signin?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
                return;
            }
            noStore(ctx);
            page.handle(ctx, signedIn.get());
        };
    }

    /** A form post: needs the session and the session's CSRF token; otherwise nothing changes. */
    Handler form(Page page) {
        return ctx -> {
            Optional<SignedIn> signedIn = sessions.find(ctx);
            if (signedIn.isEmpty()) {
                ctx.redirect("/dashboard/signin", HttpStatus.SEE_OTHER);
                return;
            }
            String given = ctx.formParam(CSRF_FIELD);
            if (given == null || !MessageDigest.isEqual(signedIn.get().csrfToken().getBytes(StandardCharsets.UTF_8),
                    given.getBytes(StandardCharsets.UTF_8))) {
                throw Refusal.forbidden("This form has expired; reload the page and try again.");
            }
            noStore(ctx);
            page.handle(ctx, signedIn.get());
        };
    }

    Nav nav(SignedIn signedIn, String title, String section) {
        Layout layout = new Layout(title, storeName, signedIn.artist().name(), signedIn.csrfToken());
        return new Nav(layout, section, publicUrl + "/" + signedIn.artist().slug());
    }

    void render(Context ctx, String template, Object view) {
        ctx.contentType("text/html; charset=utf-8").result(pages.render(template, view));
    }

    static void seeOther(Context ctx, String location) {
        ctx.redirect(location, HttpStatus.SEE_OTHER);
    }

    static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
    }

    URI publicUrl() {
        return publicUrl;
    }

    static String money(Money money) {
        return money.amount() + " " + money.currency().getCurrencyCode();
    }

    static List<Choice> choices(Collection<String> values, String selected) {
        return values.stream().sorted().map(v -> new Choice(v, v, v.equals(selected))).toList();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
