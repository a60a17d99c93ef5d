package gatefold.server.media;

import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.common.Refusal;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/**
 * {@code GET /api/releases/{id}/formats}: every format with its status and sizes, what
 * checking each track found, and the room derived files take; {@code POST
 * /api/releases/{id}/formats/retry}: the artist's "try again" for formats that failed.
 */
public final class MediaRoutes implements RouteGroup {

    private final Catalog catalog;
    private final MediaServices media;
    private final CurrentArtist current;

    public MediaRoutes(Catalog catalog, MediaServices media, CurrentArtist current) {
        this.catalog = catalog;
        this.media = media;
        this.current = current;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/releases/{id}/formats", ctx -> {
            Artist artist = current.require(ctx);
            ctx.json(media.status().formats(catalog.owned(artist, ctx.pathParam("id"))));
        });
        routes.post("/api/releases/{id}/formats/retry", ctx -> {
            Artist artist = current.require(ctx);
            int retried = media.status().retry(catalog.owned(artist, ctx.pathParam("id")));
            if (retried == 0) {
                throw Refusal.conflict("Nothing failed for this release; there is nothing to try again.");
            }
            ctx.json(Map.of("retried", retried));
        });
    }
}
