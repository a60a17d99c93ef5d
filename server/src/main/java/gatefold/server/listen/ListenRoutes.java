package gatefold.server.listen;

import gatefold.server.common.Fields;
import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.common.Refusal;
import gatefold.server.delivery.BlobResponse;
import gatefold.server.delivery.ReleaseFormats;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import gatefold.server.media.PreviewChoice;
import gatefold.server.media.Previews;
import gatefold.storage.BlobInfo;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET, HEAD /preview/{fileId}}: a track's preview for anyone (public and cacheable, with
 * ranges); {@code GET, HEAD /listen/{token}}: a buyer's whole track; {@code GET
 * /api/releases/{id}/previews} and {@code PUT /api/releases/{id}/tracks/{fileId}/preview}: the
 * artist's choice per track ({@code {mode: clip|whole|none, start, length}}, in seconds).
 */
public final class ListenRoutes implements RouteGroup {

    /** Previews change only when the artist moves the clip: caches may keep one a few minutes. */
    static final String PUBLIC = "public, max-age=300";
    private static final Duration REDIRECT_LIFETIME = Duration.ofHours(1);
    private final Previews previews;
    private final StreamLinks streams;
    private final Catalog catalog;
    private final CurrentArtist current;
    private final BlobStore store;
    private final boolean redirect;

    public ListenRoutes(Previews previews, StreamLinks streams, Catalog catalog, CurrentArtist current, BlobStore store,
                        boolean redirect) {
        this.previews = previews;
        this.streams = streams;
        this.catalog = catalog;
        this.current = current;
        this.store = store;
        this.redirect = redirect;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/preview/{fileId}", ctx -> send(ctx, previews.preview(ctx.pathParam("fileId")), PUBLIC));
        routes.head("/preview/{fileId}", ctx -> send(ctx, previews.preview(ctx.pathParam("fileId")), PUBLIC));
        routes.get("/listen/{token}", this::stream);
        routes.head("/listen/{token}", this::stream);
        routes.get("/api/releases/{id}/previews", ctx -> {
            Release release = catalog.owned(current.require(ctx), ctx.pathParam("id"));
            ctx.json(Map.of("tracks", view(previews.choices(release.id()))));
        });
        routes.put("/api/releases/{id}/tracks/{fileId}/preview", ctx -> {
            Artist artist = current.require(ctx);
            Release release = catalog.owned(artist, ctx.pathParam("id"));
            PreviewChoice chosen = previews.choose(release, ctx.pathParam("fileId"), choice(JsonBody.of(ctx,
                    Set.of("mode", "start", "length"))));
            ctx.json(view(ctx.pathParam("fileId"), chosen));
        });
    }

    private void stream(Context ctx) throws IOException {
        StreamLinks.Granted granted = streams.check(ctx.pathParam("token"));
        send(ctx, previews.stream(granted.entitlement().releaseId(), granted.fileId()), "private, no-transform");
    }

    private void send(Context ctx, ReleaseFormats.Served served, String cacheControl) throws IOException {
        if (served instanceof ReleaseFormats.File file) {
            sendFile(ctx, file, cacheControl);
        } else if (served instanceof ReleaseFormats.Preparing preparing) {
            throw Refusal.unavailable(preparing.what(), preparing.retryAfter());
        } else if (served instanceof ReleaseFormats.NotOffered not) {
            throw Refusal.notFound(not.why());
        } else {
            throw new IllegalStateException("a preview is never a zip");
        }
    }

    private void sendFile(Context ctx, ReleaseFormats.File file, String cacheControl) throws IOException {
        BlobKey key = BlobKey.of(file.blobKey());
        if (redirect) {
            ctx.header("Cache-Control", "private, max-age=60");
            ctx.redirect(store.presignGet(key, REDIRECT_LIFETIME, file.name(), file.contentType()).url().toString(),
                    io.javalin.http.HttpStatus.FOUND);
            return;
        }
        BlobInfo info = store.head(key).orElseThrow(() -> Refusal.unavailable("This file is being stored again.", Duration.ofSeconds(30)));
        BlobResponse.sendInline(ctx, store, info, file.contentType(), cacheControl);
    }

    private static PreviewChoice choice(Fields body) {
        String mode = body.requiredString("mode", 10);
        Long start = body.integer("start", 0, 24 * 3600).map(s -> s * 1000).orElse(null);
        Long length = body.integer("length", 3, 600).map(s -> s * 1000).orElse(null);
        return PreviewChoice.of(mode, start, length);
    }

    private static List<Map<String, Object>> view(Map<String, PreviewChoice> choices) {
        List<Map<String, Object>> out = new ArrayList<>();
        choices.forEach((fileId, choice) -> out.add(view(fileId, choice)));
        return out;
    }

    private static Map<String, Object> view(String fileId, PreviewChoice choice) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("fileId", fileId);
        v.put("mode", choice.mode().id());
        v.put("start", choice.start() == null ? null : choice.start().toSeconds());
        v.put("length", choice.mode() == PreviewChoice.Mode.CLIP ? choice.length().toSeconds() : null);
        v.put("url", "/preview/" + fileId);
        return v;
    }
}
