package gatefold.server.moving;

import gatefold.server.accounts.CurrentArtist;
import gatefold.server.common.Refusal;
import gatefold.server.delivery.BlobResponse;
import gatefold.server.http.RouteGroup;
import gatefold.storage.BlobInfo;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard's "Export everything" over HTTP:
 * <ul>
 *   <li>{@code POST /api/export} (artist): starts an export, or answers the one being built → 202 with its status;</li>
 *   <li>{@code GET /api/export} with {@code Accept: application/json} (artist): the newest export's status
 *       (see {@link MovingRoutes}: without that header the same path streams the archive at once);</li>
 *   <li>{@code GET, HEAD /exports/{id}/{token}}: the mailed link, with Range, If-Range and HEAD like a fan's
 *       download; a token that is not this export's answers 404, an expired one 410.</li>
 * </ul>
 */
final class ExportRoutes implements RouteGroup {

    static final String PATH = "/exports/";
    private final ArtistExports exports;
    private final BlobStore store;
    private final CurrentArtist current;

    ExportRoutes(ArtistExports exports, BlobStore store, CurrentArtist current) {
        this.exports = exports;
        this.store = store;
        this.current = current;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/export", ctx -> ctx.status(202).json(view(exports.start(current.require(ctx)))));
        routes.get(PATH + "{id}/{token}", this::download);
        routes.head(PATH + "{id}/{token}", this::download);
    }

    /** GET /api/export as JSON. */
    static void status(Context ctx, ArtistExports exports, CurrentArtist current) {
        ArtistExports.Status status = exports.latest(current.require(ctx))
                .orElseThrow(() -> Refusal.notFound("You have not asked for an export yet; POST /api/export starts one."));
        ctx.header("Cache-Control", "no-store").json(view(status));
    }

    /** Whether a GET of /api/export asks for the status rather than the archive. */
    static boolean wantsStatus(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("application/json") && !accept.contains("application/x-tar");
    }

    static Map<String, Object> view(ArtistExports.Status s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("state", s.state());
        out.put("progress", Math.round(s.progress() * 1000) / 1000.0);
        out.put("size", s.size());
        out.put("createdAt", s.createdAt() == null ? null : s.createdAt().toString());
        out.put("readyAt", s.readyAt() == null ? null : s.readyAt().toString());
        out.put("expiresAt", s.expiresAt() == null ? null : s.expiresAt().toString());
        out.put("downloadUrl", s.downloadUrl());
        out.put("error", s.error());
        return out;
    }

    private void download(Context ctx) throws Exception {
        ExportRows.Row row = exports.download(ctx.pathParam("id"), ctx.pathParam("token"));
        BlobInfo info = store.head(BlobKey.of(row.blobKey())).orElseThrow(() -> Refusal.gone("This export is no longer here."));
        String name = "gatefold-export-" + row.readyAt().atZone(ZoneOffset.UTC).toLocalDate() + ".tar";
        BlobResponse.send(ctx, store, info, "application/x-tar", name);
    }
}
