package gatefold.server.observe;

import gatefold.server.accounts.CurrentArtist;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;

/** {@code GET /metrics} on the main port, for the admin token only (unless GATEFOLD_METRICS_PORT moves it). */
public final class MetricsRoutes implements RouteGroup {

    private final Metrics metrics;
    private final CurrentArtist current;

    public MetricsRoutes(Metrics metrics, CurrentArtist current) {
        this.metrics = metrics;
        this.current = current;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/metrics", ctx -> {
            current.requireAdmin(ctx);
            ctx.header("Cache-Control", "no-store").contentType(Metrics.CONTENT_TYPE).result(metrics.scrape());
        });
    }
}
