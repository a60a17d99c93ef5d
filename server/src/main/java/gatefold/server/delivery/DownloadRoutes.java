package gatefold.server.delivery;

import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.catalog.Catalog;
import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import gatefold.server.http.RouteGroup;
import gatefold.storage.NoSuchBlobException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.eclipse.jetty.server.Handler;

/**
 * GET/HEAD /d/{token} for fans, answering whatever {@link Deliveries#decide} says;
 * GET /api/releases/{id}/downloads for the artist's statistics.
 */
public final class DownloadRoutes implements RouteGroup {

    private final Deliveries deliveries;
    private final DownloadStats stats;
    private final Catalog catalog;
    private final CurrentArtist current;

    public DownloadRoutes(Deliveries deliveries, DownloadStats stats, Catalog catalog, CurrentArtist current) {
        this.deliveries = deliveries;
        this.stats = stats;
        this.catalog = catalog;
        this.current = current;
    }

    @Override
    public List<Handler.Wrapper> ahead() {
        return List.of(new LinkFastPath(deliveries));
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/d/{token}", this::click);
        routes.head("/d/{token}", this::click);
        routes.get("/api/releases/{id}/downloads", ctx -> {
            Artist artist = current.require(ctx);
            ctx.json(stats.of(catalog.owned(artist, ctx.pathParam("id"))));
        });
    }

    private void click(Context ctx) throws IOException {
        Click click = new Click(ctx.pathParam("token"), ctx.method().name().equals("HEAD"), ctx.header("Range"),
                ctx.header("If-Range"), ctx.header("If-None-Match"), ctx.header("If-Match"), ctx.header("If-Unmodified-Since"),
                ctx.userAgent(), ClientAddress.of(ctx).text(), Instant.now());
        ClickDecision decision = deliveries.decide(click);
        if (decision instanceof ClickDecision.Refused refused) {
            throw refused.refusal();
        } else if (decision instanceof ClickDecision.Redirect redirect) {
            // Status and Location only: no body for the web stack to copy on every click.
            ctx.status(302).header("Location", redirect.url().toString()).header("Cache-Control", "no-store");
        } else if (decision instanceof ClickDecision.Headers headers) {
            Handover handover = headers.handover();
            BlobResponse.sendHeaders(ctx, handover.info(), headers.plan(), handover.contentType(), handover.name());
        } else if (decision instanceof ClickDecision.Preparing preparing) {
            Preparing.answer(ctx, preparing);
        } else if (decision instanceof ClickDecision.Stream stream) {
            stream(ctx, stream);
        }
    }

    private void stream(Context ctx, ClickDecision.Stream stream) throws IOException {
        Handover handover = stream.handover();
        try {
            BlobResponse.send(ctx, handover.source(), handover.info(), stream.plan(), handover.contentType(), handover.name(),
                    stream.spend());
        } catch (NoSuchBlobException e) {
            throw Refusal.notFound("This file is missing from the store; the artist has been told.");
        }
    }
}
