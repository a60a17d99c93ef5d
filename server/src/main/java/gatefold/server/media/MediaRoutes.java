package gatefold.server.media;

import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.common.Refusal;
import gatefold.server.http.RouteGroup;
import gatefold.server.jobs.Job;
import gatefold.server.jobs.JobState;
import gatefold.server.jobs.Jobs;
import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/releases/{id}/formats}: every format with its status and sizes, what
 * checking each track found, and the room derived files take; {@code POST
 * /api/releases/{id}/formats/retry}: the artist's "try again" for formats that failed.
 */
public final class MediaRoutes implements RouteGroup {

    private final Catalog catalog;
    private final MediaServices media;
    private final Jobs jobs;
    private final CurrentArtist current;

    public MediaRoutes(Catalog catalog, MediaServices media, Jobs jobs, CurrentArtist current) {
        this.catalog = catalog;
        this.media = media;
        this.jobs = jobs;
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
            Release release = catalog.owned(artist, ctx.pathParam("id"));
            List<Job> failed = jobs.byKeyPrefix(release.id() + "/").stream().filter(j -> j.state() == JobState.FAILED).toList();
            if (failed.isEmpty()) {
                throw Refusal.conflict("Nothing failed for this release; there is nothing to try again.");
            }
            failed.forEach(job -> jobs.retry(job.id()));
            media.planner().refresh(release.id());
            ctx.json(Map.of("retried", failed.size()));
        });
    }
}
