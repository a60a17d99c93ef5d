package gatefold.server.privacy;

import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * A fan's own data over HTTP, on the fan's request:
 * <ul>
 *   <li>{@code GET /api/fans/{email}/data}, {@code POST /api/fans/{email}/erase} (artist): what the artist's
 *       own sales and follows hold about the address; 404 when they hold nothing;</li>
 *   <li>{@code GET /api/admin/fans/{email}/data}, {@code POST /api/admin/fans/{email}/erase} (admin token): the whole store.</li>
 * </ul>
 * The export is a download ({@code Content-Disposition}); the erase answers what it changed.
 */
public final class FanDataRoutes implements RouteGroup {

    private final FanData data;
    private final FanErasure erasure;
    private final CurrentArtist current;

    public FanDataRoutes(FanData data, FanErasure erasure, CurrentArtist current) {
        this.data = data;
        this.erasure = erasure;
        this.current = current;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/fans/{email}/data", ctx -> export(ctx, artistScope(ctx)));
        routes.post("/api/fans/{email}/erase", ctx -> erase(ctx, artistScope(ctx)));
        routes.get("/api/admin/fans/{email}/data", ctx -> {
            current.requireAdmin(ctx);
            export(ctx, FanScope.store(ctx.pathParam("email")));
        });
        routes.post("/api/admin/fans/{email}/erase", ctx -> {
            current.requireAdmin(ctx);
            erase(ctx, FanScope.store(ctx.pathParam("email")));
        });
    }

    private FanScope artistScope(Context ctx) {
        Artist artist = current.require(ctx);
        return FanScope.artist(ctx.pathParam("email"), artist.id(), artist.email());
    }

    private void export(Context ctx, FanScope scope) {
        Map<String, Object> found = data.export(scope);
        ctx.header("Content-Disposition", "attachment; filename=\"fan-data.json\"");
        ctx.header("Cache-Control", "no-store");
        ctx.json(found);
    }

    private void erase(Context ctx, FanScope scope) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("email", scope.email());
        out.put("erased", erasure.erase(scope));
        out.put("doNotMail", true);
        ctx.json(out);
    }

    /** Builds the routes over one database. */
    public static FanDataRoutes over(org.jdbi.v3.core.Jdbi jdbi, CurrentArtist current) {
        FanData data = new FanData(jdbi);
        return new FanDataRoutes(data, new FanErasure(jdbi, data), current);
    }
}
