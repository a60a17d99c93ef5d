package gatefold.server.embed;

import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.Refusal;
import gatefold.server.http.RouteGroup;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import gatefold.web.Pages;
import gatefold.web.views.embed.EmbedCard;
import gatefold.web.views.embed.EmbedFrame;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * What other sites load from this store: the embed script, the frame script and stylesheet,
 * the release card for an iframe, and the card's cover. Only paths under /embed/ may be framed
 * by other sites (see SecurityHeaders).
 */
public final class EmbedRoutes implements RouteGroup {

    private final EmbedReleases releases;
    private final BlobStore store;
    private final Pages pages;
    private final EmbedAssets script = EmbedAssets.load("embed.js", "text/javascript; charset=utf-8");
    private final EmbedAssets frameScript = EmbedAssets.load("frame.js", "text/javascript; charset=utf-8");
    private final EmbedAssets stylesheet = EmbedAssets.load("embed.css", "text/css; charset=utf-8");

    public EmbedRoutes(EmbedReleases releases, BlobStore store, Pages pages) {
        this.releases = releases;
        this.store = store;
        this.pages = pages;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/embed.js", ctx -> {
            // Lets a host page load the script with crossorigin or subresource integrity.
            ctx.header("Access-Control-Allow-Origin", "*");
            script.serve(ctx);
        });
        routes.get("/embed/frame.js", frameScript::serve);
        routes.get("/embed/embed.css", stylesheet::serve);
        routes.get("/embed/r/{artist}/{release}", this::card);
        routes.get("/embed/cover/{releaseId}", this::cover);
    }

    private void card(Context ctx) {
        EmbedReleases.Shown shown = releases.bySlugs(ctx.pathParam("artist"), ctx.pathParam("release"))
                .orElseThrow(() -> Refusal.notFound("No such release."));
        boolean compact = "compact".equals(ctx.queryParam("size"));
        String releaseUrl = releases.releaseUrl(shown);
        String buyLabel = shown.release().pricing().equals("free") ? "Get it" : "Buy";
        EmbedCard card = new EmbedCard(new EmbedFrame(shown.release().title(), null), shown.release().title(),
                shown.artist().name(), EmbedReleases.kindLabel(shown.release()), EmbedReleases.priceLabel(shown.release()),
                releases.coverPath(shown), releaseUrl, releaseUrl, buyLabel, compact ? null : releases.formatsLabel(shown), compact,
                releases.previews(shown), releases.rent(shown).orElse(null),
                "/embed/checkout/" + EmbedReleases.segment(shown.release().id()) + "?option=rent",
                compact ? null : "/a/" + shown.artist().slug() + "/follow");
        ctx.header("Cache-Control", "public, max-age=60");
        ctx.html(pages.render("embed/card.jte", card));
    }

    private void cover(Context ctx) {
        EmbedReleases.Shown shown = releases.byId(ctx.pathParam("releaseId"))
                .orElseThrow(() -> Refusal.notFound("No such release."));
        ReleaseFile cover = shown.cover().orElseThrow(() -> Refusal.notFound("This release has no cover."));
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType(cover.contentType());
        ctx.result(store.get(BlobKey.of(cover.blobKey()), ByteRange.ALL));
    }
}
