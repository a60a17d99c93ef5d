package gatefold.server.mail;

import gatefold.server.accounts.CurrentArtist;
import gatefold.server.common.Refusal;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * GET /api/admin/outbox?limit=: mail that did not go out by SMTP, newest first; POST
 * /api/admin/outbox/{id}/sent once the admin has passed one on. Admin token only.
 */
public final class OutboxRoutes implements RouteGroup {

    private final Outbox outbox;
    private final CurrentArtist current;

    public OutboxRoutes(Outbox outbox, CurrentArtist current) {
        this.outbox = outbox;
        this.current = current;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/admin/outbox", this::list);
        routes.post("/api/admin/outbox/{id}/sent", ctx -> {
            current.requireAdmin(ctx);
            if (!outbox.markSent(ctx.pathParam("id"))) {
                throw Refusal.notFound("No such mail in the outbox.");
            }
            ctx.status(204);
        });
    }

    private void list(Context ctx) {
        current.requireAdmin(ctx);
        int limit = 100;
        String raw = ctx.queryParam("limit");
        if (raw != null) {
            try {
                limit = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 1000) {
                throw Refusal.invalid("'limit' must be a whole number from 1 to 1000.");
            }
        }
        ctx.header("Cache-Control", "no-store");
        ctx.json(outbox.latest(limit).stream().map(e -> new OutboxView(e.id(), e.toAddress(), e.subject(), e.body(),
                e.createdAt(), e.sent())).toList());
    }

    /** The JSON shape of one outbox mail. */
    record OutboxView(String id, String to, String subject, String body, java.time.Instant createdAt, boolean sent) {
    }
}
