package gatefold.server.notify;

import gatefold.server.common.Fields;
import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.common.Refusal;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import java.util.Map;
import java.util.Set;

/** POST/GET /api/webhooks, DELETE /api/webhooks/{id}, GET /api/webhooks/{id}/deliveries. */
public final class WebhookRoutes implements RouteGroup {

    private final SellerWebhooks hooks;
    private final CurrentArtist current;

    public WebhookRoutes(SellerWebhooks hooks, CurrentArtist current) {
        this.hooks = hooks;
        this.current = current;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/webhooks", ctx -> {
            Artist artist = current.require(ctx);
            Fields body = JsonBody.of(ctx, Set.of("url"));
            SellerWebhooks.Registered created = hooks.register(artist.id(), body.requiredString("url", 2000));
            // The signing secret is shown this once; only a sealed copy is kept.
            ctx.status(201).json(Map.of("id", created.id(), "url", created.url(), "secret", created.secret()));
        });
        routes.get("/api/webhooks", ctx -> ctx.json(hooks.list(current.require(ctx).id())));
        routes.delete("/api/webhooks/{id}", ctx -> {
            if (!hooks.delete(current.require(ctx).id(), ctx.pathParam("id"))) {
                throw Refusal.notFound("No such webhook.");
            }
            ctx.status(204);
        });
        routes.get("/api/webhooks/{id}/deliveries", ctx ->
                ctx.json(hooks.deliveries(current.require(ctx).id(), ctx.pathParam("id"))));
    }
}
