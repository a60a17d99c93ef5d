package gatefold.server.watch;

import gatefold.server.common.Refusal;
import gatefold.server.delivery.BlobResponse;
import gatefold.server.films.MediaPlaylist;
import gatefold.server.films.PlaylistRewriter;
import gatefold.server.films.SubtitleTrack;
import gatefold.server.films.Subtitles;
import gatefold.server.http.RouteGroup;
import gatefold.storage.BlobInfo;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import gatefold.storage.NoSuchBlobException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code GET /watch/{token}/master.m3u8}, its renditions' playlists and segments: a buyer's film,
 * every playlist rewritten for this viewing and every request checked again; {@code GET, HEAD
 * /trailer/{releaseId}}: the public trailer, with ranges.
 */
public final class WatchRoutes implements RouteGroup {

    static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";
    /** A rendition's file: "720p/seg_00003.m4s", never a path out of the stream's folder. */
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_-]{1,20}/[A-Za-z0-9_-]{1,60}\\.(m4s|mp4|m3u8|vtt)");
    private static final String SUBTITLES = "subtitles";
    private static final Duration SEGMENT_REDIRECT = Duration.ofMinutes(10);
    private static final int MAX_PLAYLIST = 1 << 20;
    private static final String STREAM_CACHING = "private, max-age=3600";
    /** How many playlists, and how many segments' store answers, this instance keeps. */
    static final int KEPT = 10_000;
    private final WatchLinks links;
    private final FilmStreams streams;
    private final FilmSubtitles subtitles;
    private final FilmTrailers trailers;
    private final BlobStore store;
    private final boolean redirect;
    /** Stored playlists never change (their folder is named by content): each is read from the store once. */
    private final BoundedMap<String> playlists = new BoundedMap<>(KEPT);
    /** The same for what the store says of each segment (size, ETag, date). */
    private final BoundedMap<BlobInfo> files = new BoundedMap<>(KEPT);

    public WatchRoutes(WatchLinks links, FilmStreams streams, FilmSubtitles subtitles, FilmTrailers trailers, BlobStore store,
                       boolean redirect) {
        this.trailers = trailers;
        this.links = links;
        this.streams = streams;
        this.subtitles = subtitles;
        this.store = store;
        this.redirect = redirect;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/watch/{token}/master.m3u8", this::master);
        routes.get("/watch/{token}/{rendition}/{file}", this::renditionFile);
        routes.head("/watch/{token}/{rendition}/{file}", this::renditionFile);
        routes.get("/trailer/{releaseId}", this::trailer);
        routes.head("/trailer/{releaseId}", this::trailer);
    }

    private void master(Context ctx) throws IOException {
        WatchLinks.Viewing viewing = links.checkPlaylist(ctx.pathParam("token"));
        String viewingToken = links.token(viewing.entitlement().id(), viewing.stream(), WatchLinks.VIEWING);
        // Subtitles belong to the release, not to the package: offered in the answer, never written into the stored playlist.
        List<SubtitleTrack> tracks = subtitles.tracks(viewing.stream().releaseId());
        String stored = playlist(viewing.stream().blobKey("master.m3u8"));
        String rewritten = PlaylistRewriter.master(tracks.isEmpty() ? stored : Subtitles.offerIn(stored, tracks),
                uri -> "/watch/" + viewingToken + "/" + uri);
        sendPlaylist(ctx, rewritten);
    }

    private void renditionFile(Context ctx) throws IOException {
        String token = ctx.pathParam("token");
        String path = ctx.pathParam("rendition") + "/" + ctx.pathParam("file");
        if (!FILE.matcher(path).matches()) {
            throw Refusal.notFound("No such file in this film.");
        }
        if (ctx.pathParam("rendition").equals(SUBTITLES)) {
            subtitleFile(ctx, token, ctx.pathParam("file"));
            return;
        }
        boolean isPlaylist = path.endsWith(".m3u8");
        // A playlist, or the single-file film, is where watching starts: it starts a rental's clock.
        // Segments come every few seconds from each viewer: their check may be one from a moment ago.
        boolean starting = isPlaylist || path.equals(FilmStream.PROGRESSIVE);
        WatchLinks.Viewing viewing = starting ? links.checkPlaylist(token) : links.checkSegment(token);
        if (isPlaylist) {
            String folder = ctx.pathParam("rendition");
            sendPlaylist(ctx, PlaylistRewriter.media(playlist(viewing.stream().blobKey(path)),
                    uri -> "/watch/" + token + "/" + folder + "/" + uri));
            return;
        }
        sendStreamFile(ctx, BlobKey.of(viewing.stream().blobKey(path)), PackageJob.contentType(path));
    }

    /**
     * A segment or init file: as {@link #sendFile}, with what the store says of it remembered, since
     * a stream's folder is named by its content and its files never change (one look-up less per segment).
     */
    private void sendStreamFile(Context ctx, BlobKey key, String contentType) throws IOException {
        if (redirect && !store.readsLocally()) {
            sendFile(ctx, key, contentType, STREAM_CACHING);
            return;
        }
        BlobInfo info = files.get(key.value());
        if (info == null) {
            info = store.head(key).orElseThrow(() -> Refusal.notFound("No such file in this film."));
            files.put(key.value(), info);
        }
        try {
            BlobResponse.sendInline(ctx, store, info, contentType, STREAM_CACHING);
        } catch (NoSuchBlobException e) {
            // Swept since it was remembered.
            files.remove(key.value());
            throw Refusal.notFound("No such file in this film.");
        }
    }

    /** A subtitle track: its one-segment playlist (as long as the film), or its WebVTT file. */
    private void subtitleFile(Context ctx, String token, String file) throws IOException {
        WatchLinks.Viewing viewing = links.check(token, false);
        String language = file.substring(0, file.lastIndexOf('.'));
        FilmSubtitle subtitle = subtitles.of(viewing.stream().releaseId(), language)
                .orElseThrow(() -> Refusal.notFound("This film has no subtitles in that language."));
        if (file.endsWith(".m3u8")) {
            String firstRendition = viewing.stream().renditions().split(",")[0];
            Duration length = Duration.ofMillis((long) (1000 * MediaPlaylist.parse(
                    playlist(viewing.stream().blobKey(firstRendition + "/playlist.m3u8"))).totalSeconds()));
            sendPlaylist(ctx, PlaylistRewriter.media(Subtitles.playlist(subtitle.track(false), length),
                    uri -> "/watch/" + token + "/" + SUBTITLES + "/" + uri));
        } else if (file.endsWith(".vtt")) {
            sendFile(ctx, BlobKey.of(subtitle.blobKey()), "text/vtt; charset=utf-8", "private, max-age=3600");
        } else {
            throw Refusal.notFound("No such file in this film.");
        }
    }

    private void trailer(Context ctx) throws IOException {
        BlobKey trailer = trailers.shown(ctx.pathParam("releaseId")).orElseThrow(() -> Refusal.notFound("This film has no trailer yet."));
        sendFile(ctx, trailer, "video/mp4", "public, max-age=300");
    }

    private void sendFile(Context ctx, BlobKey key, String contentType, String cacheControl) throws IOException {
        if (redirect && !store.readsLocally()) {
            ctx.header("Cache-Control", "no-store");
            ctx.redirect(store.presignGet(key, SEGMENT_REDIRECT, key.value().substring(key.value().lastIndexOf('/') + 1),
                    contentType).url().toString(), HttpStatus.FOUND);
            return;
        }
        BlobInfo info = store.head(key).orElseThrow(() -> Refusal.notFound("No such file in this film."));
        BlobResponse.sendInline(ctx, store, info, contentType, cacheControl);
    }

    private static void sendPlaylist(Context ctx, String playlist) {
        // Each answer carries this viewer's tokens: never cached, never shared.
        ctx.header("Cache-Control", "no-store");
        // Bytes, not a string: a playlist is UTF-8 (a subtitle's name may be "Français"), whatever the servlet's default.
        ctx.contentType(PLAYLIST_TYPE).result(playlist.getBytes(StandardCharsets.UTF_8));
    }

    private String playlist(String blobKey) throws IOException {
        String cached = playlists.get(blobKey);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = store.get(BlobKey.of(blobKey), ByteRange.ALL)) {
            byte[] bytes = in.readNBytes(MAX_PLAYLIST);
            String text = new String(bytes, StandardCharsets.UTF_8);
            playlists.put(blobKey, text);
            return text;
        } catch (NoSuchBlobException e) {
            throw Refusal.notFound("No such playlist in this film.");
        }
    }
}
