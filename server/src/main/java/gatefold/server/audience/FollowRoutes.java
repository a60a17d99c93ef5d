package gatefold.server.audience;

import gatefold.server.catalog.Release;
import gatefold.server.common.Fields;
import gatefold.server.accounts.Artist;
import gatefold.server.catalog.Catalog;
import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import gatefold.server.storefront.StorePages;
import gatefold.web.views.MessagePage;
import gatefold.web.views.store.ButtonPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What fans touch: the follow form (HTML form or JSON, for the embed), the confirmation link,
 * and the unsubscribe link, which works without signing in: a GET shows one button, a POST
 * (the button, or a mail program's RFC 8058 one-click POST) unsubscribes. A receipt knows its
 * release, not the artist's address, so its form posts to {@code /releases/{id}/follow}.
 */
public final class FollowRoutes implements RouteGroup {

    static final String SENT = "If that address is not following yet, a mail is on its way: open its link to confirm."
            + " Nothing else is sent until you do.";
    private final Follows follows;
    private final Catalog catalog;

    public FollowRoutes(Follows follows, Catalog catalog) {
        this.follows = follows;
        this.catalog = catalog;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/a/{artistSlug}/follow", ctx -> follow(ctx, ctx.pathParam("artistSlug")));
        routes.post("/releases/{releaseId}/follow", ctx -> follow(ctx, artistOf(ctx.pathParam("releaseId")).slug()));
        routes.get("/follow/confirm/{token}", this::confirmPage);
        routes.post("/follow/confirm/{token}", this::confirm);
        routes.get("/unsubscribe/{token}", this::leavePage);
        routes.post("/unsubscribe/{token}", this::leave);
    }

    private void follow(Context ctx, String slug) {
        ctx.header("Cache-Control", "no-store");
        if (isJson(ctx)) {
            Fields body = JsonBody.of(ctx, Set.of("email", "source"));
            follows.ask(slug, body.requiredString("email", 320), FollowSource.fromForm(body.string("source", 20).orElse(null)),
                    ClientAddress.of(ctx));
            ctx.status(202).json(Map.of("status", "check-your-mail", "message", SENT));
            return;
        }
        follows.ask(slug, Optional.ofNullable(ctx.formParam("email")).orElse(""), FollowSource.fromForm(ctx.formParam("source")),
                ClientAddress.of(ctx));
        ctx.status(202);
        StorePages.render(ctx, "message.jte", new MessagePage(StorePages.layout("Check your email"), "Check your email", SENT,
                "/a/" + slug, "Back to the artist"));
    }

    private void confirmPage(Context ctx) {
        noStore(ctx);
        String token = ctx.pathParam("token");
        Artist artist = artistOf(follows.pending(token));
        StorePages.render(ctx, "store/button.jte", new ButtonPage(StorePages.layout("Follow " + artist.name()),
                "Follow " + artist.name(), "Press the button to get a mail when " + artist.name()
                + " releases something new. Every mail has a link to stop them.", "/follow/confirm/" + token, "Yes, follow"));
    }

    private void confirm(Context ctx) {
        noStore(ctx);
        Follower follower = follows.confirm(ctx.pathParam("token"));
        Artist artist = artistOf(follower);
        if (!wantsHtml(ctx)) {
            ctx.json(Map.of("status", follower.state().id(), "artist", artist.slug()));
            return;
        }
        StorePages.render(ctx, "message.jte", new MessagePage(StorePages.layout("Following " + artist.name()),
                "You follow " + artist.name(), "You will get a mail when something new comes out.", "/a/" + artist.slug(),
                "Go to " + artist.name()));
    }

    private void leavePage(Context ctx) {
        noStore(ctx);
        String token = ctx.pathParam("token");
        Follower follower = follows.byLeaveToken(token);
        Artist artist = artistOf(follower);
        String heading = "Unsubscribe from " + artist.name();
        String message = follower.state() == FollowState.LEFT ? follower.email() + " gets no mail from " + artist.name() + "."
                : "Press the button and " + follower.email() + " gets no more mail from " + artist.name() + ".";
        StorePages.render(ctx, "store/button.jte", new ButtonPage(StorePages.layout(heading), heading, message,
                "/unsubscribe/" + token, "Unsubscribe"));
    }

    /** One click, from the page's button or from the mail program (RFC 8058 body {@code List-Unsubscribe=One-Click}). */
    private void leave(Context ctx) {
        noStore(ctx);
        Follower follower = follows.leave(ctx.pathParam("token"));
        Artist artist = artistOf(follower);
        if (!wantsHtml(ctx)) {
            ctx.json(Map.of("status", FollowState.LEFT.id()));
            return;
        }
        StorePages.render(ctx, "message.jte", new MessagePage(StorePages.layout("Unsubscribed"), "Unsubscribed",
                follower.email() + " will get no more mail from " + artist.name() + ".", "/a/" + artist.slug(),
                "Go to " + artist.name()));
    }

    /** Whose release this is; a draft is as unknown as a missing one. */
    private Artist artistOf(String releaseId) {
        return catalog.release(releaseId).filter(Release::isOut).flatMap(r -> follows.artistById(r.artistId()))
                .orElseThrow(() -> Refusal.notFound("There is no release at this address."));
    }

    private Artist artistOf(Follower follower) {
        return follows.artistById(follower.artistId()).orElseThrow(() -> Refusal.notFound("This artist has left the store."));
    }

    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        // The token is in the path: never hand it to another site.
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    private static boolean wantsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html");
    }
}
