package gatefold.server.delivery;

import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.catalog.Catalog;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import java.util.List;
import org.eclipse.jetty.server.Handler;

/** GET/HEAD /d/{token} for fans; GET /api/releases/{id}/downloads for the artist's statistics. */
public final class DownloadRoutes implements RouteGroup {

    private final Deliveries deliveries;
    private final Catalog catalog;
    private final CurrentArtist current;

    public DownloadRoutes(Deliveries deliveries, Catalog catalog, CurrentArtist current) {
        this.deliveries = deliveries;
        this.catalog = catalog;
        this.current = current;
    }

    @Override
    public List<Handler.Wrapper> ahead() {
        return List.of(new LinkFastPath(deliveries));
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/d/{token}", ctx -> deliveries.serve(ctx, ctx.pathParam("token")));
        routes.head("/d/{token}", ctx -> deliveries.serve(ctx, ctx.pathParam("token")));
        routes.get("/api/releases/{id}/downloads", ctx -> {
            Artist artist = current.require(ctx);
            ctx.json(deliveries.stats(catalog.owned(artist, ctx.pathParam("id"))));
        });
    }
}
