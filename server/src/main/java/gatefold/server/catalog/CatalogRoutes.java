package gatefold.server.catalog;

import gatefold.server.common.Fields;
import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.common.Refusal;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import gatefold.storage.PresignedRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The artist's catalog API: releases, files (streamed PUT) and resumable uploads. */
public final class CatalogRoutes implements RouteGroup {

    private final Catalog catalog;
    private final Uploads uploads;
    private final CurrentArtist current;
    private final CatalogViews views;

    public CatalogRoutes(Catalog catalog, Uploads uploads, CurrentArtist current, URI publicUrl) {
        this.catalog = catalog;
        this.uploads = uploads;
        this.current = current;
        this.views = new CatalogViews(publicUrl);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/releases", this::create);
        routes.get("/api/releases", this::list);
        routes.get("/api/releases/{id}", ctx -> {
            Artist artist = current.require(ctx);
            ctx.json(releaseView(artist, catalog.owned(artist, ctx.pathParam("id"))));
        });
        routes.patch("/api/releases/{id}", ctx -> {
            Artist artist = current.require(ctx);
            Release updated = catalog.update(artist, ctx.pathParam("id"), JsonBody.of(ctx, ReleaseEdit.FIELDS));
            ctx.json(releaseView(artist, updated));
        });
        routes.delete("/api/releases/{id}", ctx -> {
            catalog.delete(current.require(ctx), ctx.pathParam("id"));
            ctx.status(204);
        });
        routes.post("/api/releases/{id}/publish", ctx -> {
            Artist artist = current.require(ctx);
            ctx.json(releaseView(artist, catalog.publish(artist, ctx.pathParam("id"))));
        });
        routes.get("/api/releases/{id}/files", ctx -> {
            Artist artist = current.require(ctx);
            ctx.json(catalog.files(catalog.owned(artist, ctx.pathParam("id"))).stream().map(CatalogViews::file).toList());
        });
        routes.put("/api/releases/{id}/files/{name}", this::putFile);
        routes.get("/api/releases/{id}/files/{fileId}", ctx -> {
            Artist artist = current.require(ctx);
            ctx.json(CatalogViews.file(catalog.ownedFile(artist, ctx.pathParam("id"), ctx.pathParam("fileId"))));
        });
        routes.patch("/api/releases/{id}/files/{fileId}", ctx -> {
            Artist artist = current.require(ctx);
            ReleaseFile changed = catalog.changeFile(artist, ctx.pathParam("id"), ctx.pathParam("fileId"),
                    JsonBody.of(ctx, Set.of("name", "role", "position", "title", "availableNow")));
            ctx.json(CatalogViews.file(changed));
        });
        routes.delete("/api/releases/{id}/files/{fileId}", ctx -> {
            catalog.deleteFile(current.require(ctx), ctx.pathParam("id"), ctx.pathParam("fileId"));
            ctx.status(204);
        });
        routes.post("/api/releases/{id}/uploads", this::startUpload);
        routes.get("/api/uploads/{uploadId}", ctx -> {
            Upload upload = uploads.owned(current.require(ctx), ctx.pathParam("uploadId"));
            ctx.json(CatalogViews.upload(upload, uploads.parts(upload)));
        });
        routes.post("/api/uploads/{uploadId}/parts/{n}", this::partUrl);
        routes.post("/api/uploads/{uploadId}/complete", this::complete);
        routes.delete("/api/uploads/{uploadId}", ctx -> {
            uploads.abort(current.require(ctx), ctx.pathParam("uploadId"));
            ctx.status(204);
        });
    }

    private void create(Context ctx) {
        Artist artist = current.require(ctx);
        Release release = catalog.create(artist, JsonBody.of(ctx, ReleaseEdit.FIELDS));
        ctx.status(201).json(releaseView(artist, release));
    }

    private void list(Context ctx) {
        Artist artist = current.require(ctx);
        ctx.json(catalog.releases(artist).stream().map(r -> releaseView(artist, r)).toList());
    }

    private void putFile(Context ctx) throws IOException {
        Artist artist = current.require(ctx);
        Optional<String> role = Optional.ofNullable(ctx.queryParam("role"));
        ReleaseFile file = catalog.putFile(artist, ctx.pathParam("id"), ctx.pathParam("name"), role,
                ctx.req().getInputStream(), ctx.req().getContentLengthLong());
        ctx.status(201).json(CatalogViews.file(file));
    }

    private void startUpload(Context ctx) {
        Artist artist = current.require(ctx);
        Fields body = JsonBody.of(ctx, Set.of("name", "size", "contentType", "role"));
        Upload upload = uploads.start(artist, ctx.pathParam("id"), body.requiredString("name", 255),
                body.integer("size", 0, Long.MAX_VALUE).orElseThrow(() -> Refusal.invalid("'size' is required.")),
                body.requiredString("contentType", 100), body.string("role", 10));
        ctx.status(201).json(CatalogViews.upload(upload, null));
    }

    private void partUrl(Context ctx) {
        Artist artist = current.require(ctx);
        int n = partNumber(ctx.pathParam("n"));
        PresignedRequest request = uploads.partUrl(artist, ctx.pathParam("uploadId"), n);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("n", n);
        out.put("url", request.url().toString());
        out.put("method", request.method());
        out.put("headers", request.headers());
        out.put("expiresAt", request.expiresAt());
        ctx.json(out);
    }

    private void complete(Context ctx) {
        Artist artist = current.require(ctx);
        Fields body = JsonBody.of(ctx, Set.of("parts"));
        JsonNode parts = body.raw("parts").orElseThrow(() -> Refusal.invalid("'parts' is required."));
        if (!parts.isArray() || parts.size() > 10_000) {
            throw Refusal.invalid("'parts' must be a list of {n, etag}.");
        }
        List<Uploads.PartClaim> claims = new ArrayList<>();
        for (JsonNode part : parts) {
            if (!part.isObject() || !part.path("n").isIntegralNumber() || !part.path("etag").isTextual()
                    || part.size() != 2) {
                throw Refusal.invalid("Each entry of 'parts' must be {\"n\": 1, \"etag\": \"...\"}.");
            }
            claims.add(new Uploads.PartClaim(part.get("n").intValue(), part.get("etag").textValue()));
        }
        ReleaseFile file = uploads.complete(artist, ctx.pathParam("uploadId"), claims);
        ctx.status(201).json(CatalogViews.file(file));
    }

    private Map<String, Object> releaseView(Artist artist, Release release) {
        return views.release(artist, release, catalog.files(release));
    }

    private static int partNumber(String raw) {
        try {
            int n = Integer.parseInt(raw);
            if (n >= 1 && n <= 10_000) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // Answered below.
        }
        throw Refusal.invalid("Part numbers are whole numbers from 1 to 10000.");
    }
}
