package gatefold.server.moving;

import gatefold.server.accounts.CurrentArtist;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;

/**
 * {@code POST /api/moved-mail} (artist): mail every buyer where their music lives now → 202
 * {@code {id, buyers, mailed, state}}; {@code GET /api/moved-mail/{id}}: how far it is.
 */
final class MovedMailRoutes implements RouteGroup {

    private final MovedMail moved;
    private final CurrentArtist current;

    MovedMailRoutes(MovedMail moved, CurrentArtist current) {
        this.moved = moved;
        this.current = current;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/moved-mail", ctx -> ctx.status(202).json(moved.start(current.require(ctx))));
        routes.get("/api/moved-mail/{id}", ctx -> ctx.json(moved.progress(current.require(ctx), ctx.pathParam("id"))));
    }
}
