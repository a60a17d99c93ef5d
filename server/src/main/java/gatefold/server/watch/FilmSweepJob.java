package gatefold.server.watch;

import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.films.MediaPlaylist;
import gatefold.server.films.PlaylistRewriter;
import gatefold.server.jobs.JobContext;
import gatefold.server.jobs.JobHandler;
import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.JobResult;
import gatefold.server.jobs.Lane;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import gatefold.storage.NoSuchBlobException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Deletes film packages and chosen trailers nothing refers to any more (a new master, a new
 * choice, the release deleted), a day after the sweep first finds them unwanted, so a fan in the
 * middle of the old version can finish; and the subtitles of releases that are gone.
 */
final class FilmSweepJob implements JobHandler {

    /** Upkeep, not media: it runs no ffmpeg, and a recurring job kept in the media lane would
     *  keep that lane from ever looking idle. */
    static final JobKind KIND = JobKind.of("films.sweep", Lane.UPKEEP).withTimeout(Duration.ofHours(1));
    static final Duration GRACE = Duration.ofDays(1);
    private final Jdbi jdbi;
    private final Catalog catalog;
    private final FilmStreams streams;
    private final FilmTrailers trailers;
    private final BlobStore store;
    private final Clock clock;

    FilmSweepJob(Jdbi jdbi, Catalog catalog, FilmStreams streams, FilmTrailers trailers, BlobStore store, Clock clock) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.streams = streams;
        this.trailers = trailers;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public JobResult run(JobContext ctx) {
        sweep(clock.instant());
        return JobResult.done();
    }

    /** One pass at {@code now}: marks what became unwanted, deletes what was unwanted a day ago. */
    void sweep(Instant now) {
        WatchDao dao = jdbi.onDemand(WatchDao.class);
        for (FilmStream stream : dao.allStreams()) {
            Optional<Release> release = catalog.release(stream.releaseId());
            boolean wanted = release.flatMap(streams::current).map(s -> s.streamKey().equals(stream.streamKey())).orElse(false);
            sweep(dao, WatchDao.Swept.STREAMS, stream.streamKey(), wanted, now, () -> deleteFiles(stream));
        }
        for (MadeTrailer trailer : dao.allTrailers()) {
            Optional<Release> release = catalog.release(trailer.releaseId());
            boolean wanted = release.flatMap(trailers::made).map(t -> t.trailerKey().equals(trailer.trailerKey())).orElse(false);
            sweep(dao, WatchDao.Swept.TRAILERS, trailer.trailerKey(), wanted, now, () -> store.delete(BlobKey.of(trailer.blobKey())));
        }
        for (FilmSubtitle subtitle : dao.allSubtitles()) {
            if (catalog.release(subtitle.releaseId()).isEmpty()) {
                store.delete(BlobKey.of(subtitle.blobKey()));
                dao.deleteSubtitle(subtitle.releaseId(), subtitle.language());
            }
        }
    }

    /** Marks a row unwanted (or wanted again); a row unwanted for the grace period loses its files, then itself. */
    private static void sweep(WatchDao dao, WatchDao.Swept swept, String key, boolean wanted, Instant now, Runnable deleteFiles) {
        Optional<Instant> since = dao.supersededAt(swept.table, swept.keyColumn, key);
        if (wanted || since.isEmpty()) {
            dao.markSuperseded(swept.table, swept.keyColumn, key, wanted ? null : now);
        } else if (!since.get().isAfter(now.minus(GRACE))) {
            deleteFiles.run();
            dao.deleteSwept(swept.table, swept.keyColumn, key);
        }
    }

    /** Every file of a package, found from its playlists (a store cannot be listed): they name all of it. */
    private void deleteFiles(FilmStream stream) {
        List<String> paths = new ArrayList<>(List.of("master.m3u8", FilmStream.PROGRESSIVE));
        if (stream.trailer()) {
            paths.add(FilmStream.TRAILER);
        }
        for (String rendition : stream.renditions().split(",")) {
            String playlist = rendition + "/playlist.m3u8";
            read(stream.blobKey(playlist)).ifPresent(text -> {
                MediaPlaylist parsed = MediaPlaylist.parse(text);
                parsed.initSegment().ifPresent(init -> paths.add(rendition + "/" + init));
                parsed.segments().forEach(s -> paths.add(rendition + "/" + s.uri()));
            });
            paths.add(playlist);
        }
        paths.forEach(path -> store.delete(BlobKey.of(stream.blobKey(path))));
    }

    private Optional<String> read(String key) {
        try (InputStream in = store.get(BlobKey.of(key), ByteRange.ALL)) {
            return Optional.of(new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8));
        } catch (NoSuchBlobException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
