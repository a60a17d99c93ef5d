package gatefold.server.library;

import gatefold.server.delivery.Deliveries;
import gatefold.server.http.ApiError;
import gatefold.server.http.Html;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fan's library pages: ask for a sign-in link, follow it, see every purchase with
 * fresh links (HTML, or JSON for {@code Accept: application/json}), sign out.
 */
public final class LibraryRoutes implements RouteGroup {

    static final String SESSION_COOKIE = "gatefold_library";
    static final String SENT = "If this email bought anything here, a sign-in link is on its way. It works once, for 15 minutes.";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private final Library library;

    public LibraryRoutes(Library library) {
        this.library = library;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/library", this::show);
        routes.post("/library", this::requestLink);
        routes.get("/library/signin/{token}", this::signIn);
        routes.post("/library/signout", this::signOut);
    }

    private void show(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        Optional<FanSession> session = currentSession(ctx);
        if (session.isEmpty()) {
            if (FormToken.wantsJson(ctx)) {
                throw new ApiError(401, "unauthorized", "Sign in to your library: POST /library with your email for a sign-in link.");
            }
            ctx.html(Html.page("Your library", askForm(ctx, null)));
            return;
        }
        String email = session.get().email();
        List<LibraryItem> items = library.items(email);
        if (FormToken.wantsJson(ctx)) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("email", email);
            out.put("purchases", items);
            ctx.json(out);
            return;
        }
        StringBuilder body = new StringBuilder("<h1>Your library</h1><p>Signed in as ").append(Html.escape(email)).append(".</p>");
        if (items.isEmpty()) {
            body.append("<p>Nothing here yet.</p>");
        }
        for (LibraryItem item : items) {
            body.append("<h2>").append(Html.escape(item.releaseTitle())).append("</h2><p>");
            if (!item.artistName().isEmpty()) {
                body.append("by ").append(Html.escape(item.artistName())).append(" · ");
            }
            body.append(Html.escape(DAY.format(item.purchasedAt()))).append("</p><table>");
            for (Deliveries.Download d : item.downloads()) {
                body.append("<tr><td><a href=\"").append(Html.escape(d.url())).append("\">").append(Html.escape(d.name()))
                        .append("</a></td><td>").append(d.size()).append(" bytes</td></tr>");
            }
            body.append("</table>");
        }
        body.append("<form method=\"post\" action=\"/library/signout\"><input type=\"hidden\" name=\"").append(FormToken.FIELD)
                .append("\" value=\"").append(Html.escape(session.get().formToken()))
                .append("\"><button type=\"submit\">Sign out</button></form>");
        ctx.html(Html.page("Your library", body.toString()));
    }

    private String askForm(Context ctx, String notice) {
        String token = FormToken.issue(ctx, library.secureCookies());
        StringBuilder body = new StringBuilder("<h1>Your library</h1>");
        if (notice != null) {
            body.append("<p>").append(Html.escape(notice)).append("</p>");
        }
        body.append("<p>Everything you bought here, with fresh download links. Enter the email you bought with and we will"
                        + " send you a sign-in link.</p>")
                .append("<form method=\"post\" action=\"/library\"><input type=\"hidden\" name=\"").append(FormToken.FIELD)
                .append("\" value=\"").append(Html.escape(token)).append("\">")
                .append("<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" required autocomplete=\"email\">")
                .append("<button type=\"submit\">Send me a sign-in link</button></form>")
                .append("<p>Have a download code? <a href=\"/redeem\">Redeem it here</a>.</p>");
        return body.toString();
    }

    private void requestLink(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        boolean json = FormToken.isJson(ctx);
        String email;
        if (json) {
            email = JsonBody.of(ctx, Set.of("email")).requiredString("email", 320);
        } else {
            FormToken.check(ctx);
            email = Optional.ofNullable(ctx.formParam("email")).orElse("");
        }
        library.requestLink(email, ctx.ip());
        if (json) {
            ctx.status(202).json(Map.of("message", SENT));
        } else {
            ctx.html(Html.page("Check your email", "<h1>Check your email</h1><p>" + Html.escape(SENT) + "</p>"));
        }
    }

    private void signIn(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        Optional<String> session = library.signIn(ctx.pathParam("token"));
        if (session.isEmpty()) {
            String message = "This sign-in link was already used or has expired. Ask for a new one below; it arrives in a minute.";
            if (FormToken.wantsJson(ctx)) {
                throw ApiError.gone(message);
            }
            ctx.status(410).html(Html.page("Ask for a new sign-in link", askForm(ctx, message)));
            return;
        }
        ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=" + session.get() + "; Path=/library; Max-Age="
                + Library.SESSION_LIFETIME.toSeconds() + "; HttpOnly; SameSite=Lax" + (library.secureCookies() ? "; Secure" : ""));
        ctx.redirect("/library", HttpStatus.SEE_OTHER);
    }

    private void signOut(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        Optional<FanSession> session = Optional.ofNullable(ctx.cookie(SESSION_COOKIE)).flatMap(library::session);
        if (session.isPresent()) {
            if (!FormToken.isJson(ctx)) {
                FormToken.require(session.get().formToken(), ctx.formParam(FormToken.FIELD));
            }
            library.signOut(session.get());
        }
        clearSession(ctx);
        if (FormToken.isJson(ctx)) {
            ctx.status(204);
        } else {
            ctx.redirect("/library", HttpStatus.SEE_OTHER);
        }
    }

    private Optional<FanSession> currentSession(Context ctx) {
        String cookie = ctx.cookie(SESSION_COOKIE);
        if (cookie == null) {
            return Optional.empty();
        }
        Optional<FanSession> session = library.session(cookie);
        if (session.isEmpty()) {
            clearSession(ctx);
        }
        return session;
    }

    private void clearSession(Context ctx) {
        ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=; Path=/library; Max-Age=0; HttpOnly; SameSite=Lax"
                + (library.secureCookies() ? "; Secure" : ""));
    }
}
