package gatefold.server.moving;

import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Leaving and arriving over HTTP:
 * <ul>
 *   <li>{@code GET /api/export[?withDerived=true]} (artist): the signed-in artist's own archive, streamed; asked with
 *       {@code Accept: application/json}, the status of the export built by a job ({@link ExportRoutes});</li>
 *   <li>{@code GET /api/admin/export[?artist=SLUG][&withDerived=true]} (admin token): one artist or the whole store;</li>
 *   <li>{@code POST /api/admin/import[?rename=true]} (admin token, the archive as the raw body): 201 with what
 *       arrived, and {@code renamed} (new slug to old) when a taken slug was renamed.</li>
 * </ul>
 * Archives made here never carry secrets (no passphrase travels in a URL); {@code gatefold export
 * --with-secrets} does. The buyers' CSV has its own routes in {@link BuyerRoutes}.
 */
public final class MovingRoutes implements RouteGroup {

    private final StoreExport exports;
    private final StoreImport imports;
    private final CurrentArtist current;
    private final ArtistExports built;

    public MovingRoutes(StoreExport exports, StoreImport imports, CurrentArtist current, ArtistExports built) {
        this.exports = exports;
        this.imports = imports;
        this.current = current;
        this.built = built;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/export", ctx -> {
            if (ExportRoutes.wantsStatus(ctx)) {
                ExportRoutes.status(ctx, built, current); // the dashboard's export, built by a job (ExportRoutes)
                return;
            }
            Artist artist = current.require(ctx);
            stream(ctx, StoreExport.Options.artist(artist.slug()).withDerived(flag(ctx, "withDerived")), artist.slug());
        });
        routes.get("/api/admin/export", ctx -> {
            current.requireAdmin(ctx);
            Optional<String> slug = Optional.ofNullable(ctx.queryParam("artist")).filter(s -> !s.isBlank());
            stream(ctx, new StoreExport.Options(slug, Optional.empty(), flag(ctx, "withDerived")), slug.orElse("store"));
        });
        routes.post("/api/admin/import", ctx -> {
            current.requireAdmin(ctx);
            StoreImport.Summary summary;
            try (InputStream body = ctx.bodyInputStream()) {
                summary = imports.read(body, new StoreImport.Options(Optional.empty(), flag(ctx, "rename")),
                        StoreExport.Progress.NONE);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("artists", summary.artists());
            out.put("rows", summary.rows());
            out.put("files", summary.files());
            out.put("fileBytes", summary.fileBytes());
            out.put("renamed", summary.renamed());
            ctx.status(201).json(out);
        });
    }

    private static boolean flag(Context ctx, String name) {
        return "true".equalsIgnoreCase(ctx.queryParam(name));
    }

    private void stream(Context ctx, StoreExport.Options options, String name) throws IOException {
        exports.check(options);
        String file = "gatefold-" + name + "-" + LocalDate.now(ZoneOffset.UTC) + ".tar";
        ctx.contentType("application/x-tar");
        ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
        ctx.header("Cache-Control", "no-store");
        exports.write(options, ctx.res().getOutputStream(), StoreExport.Progress.NONE);
    }
}
