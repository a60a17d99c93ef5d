package gatefold.server.books;

import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/releases/{id}/stamping}: the wording and each book file's stamping and
 * preparation; {@code PATCH} changes the wording and turns stamping on or off per file.
 */
public final class StampRoutes implements RouteGroup {

    private final Catalog catalog;
    private final BookServices books;
    private final CurrentArtist current;

    public StampRoutes(Catalog catalog, BookServices books, CurrentArtist current) {
        this.catalog = catalog;
        this.books = books;
        this.current = current;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/releases/{id}/stamping", ctx -> ctx.json(view(release(ctx))));
        routes.patch("/api/releases/{id}/stamping", ctx -> {
            Release release = release(ctx);
            books.choices().change(release, JsonBody.of(ctx, StampChoices.FIELDS));
            ctx.json(view(release));
        });
    }

    private Release release(Context ctx) {
        Artist artist = current.require(ctx);
        return catalog.owned(artist, ctx.pathParam("id"));
    }

    private Map<String, Object> view(Release release) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("wording", books.stamping().wording(release.id()));
        List<Map<String, Object>> files = books.stamping().files(release).stream().map(StampRoutes::file).toList();
        out.put("files", files);
        return out;
    }

    private static Map<String, Object> file(Stamping.FileStamp f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fileId", f.fileId());
        out.put("name", f.name());
        out.put("stamped", f.stamped());
        out.put("status", f.status().id());
        if (f.reason() != null) {
            out.put("reason", f.reason());
        }
        out.put("notes", f.notes());
        out.put("size", f.copyLength());
        return out;
    }
}
