package gatefold.server.storefront;

import gatefold.server.common.Refusal;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** The public store: home, artist pages, release pages, covers. */
public final class StorefrontRoutes implements RouteGroup {

    private final Storefront storefront;
    private final Covers covers;

    public StorefrontRoutes(Storefront storefront, Covers covers) {
        this.storefront = storefront;
        this.covers = covers;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/", ctx -> {
            Storefront.Page home = storefront.home();
            page(ctx, home.template(), home.view());
        });
        routes.get("/a/{artistSlug}", ctx -> page(ctx, "store/artist.jte", storefront.artistPage(ctx.pathParam("artistSlug"))));
        routes.get("/r/{artistSlug}/{releaseSlug}", ctx -> page(ctx, "store/release.jte",
                storefront.releasePage(ctx.pathParam("artistSlug"), ctx.pathParam("releaseSlug"))));
        routes.get("/releases/{releaseId}", ctx -> ctx.redirect(storefront.releaseHref(ctx.pathParam("releaseId"))
                .orElseThrow(() -> Refusal.notFound("There is no release at this address."))));
        routes.get("/covers/{fileId}/{hash}/{name}", covers::serve);
    }

    private static void page(Context ctx, String template, Object view) {
        // Prices and releases change; a browser asks again rather than showing an old page.
        ctx.header("Cache-Control", "no-cache");
        StorePages.render(ctx, template, view);
    }
}
