package gatefold.server.watch;

import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.db.Sql;
import gatefold.server.films.FilmProbe;
import gatefold.server.films.FilmProber;
import gatefold.server.films.HlsLadder;
import gatefold.server.films.HlsPackager;
import gatefold.server.films.Ladder;
import gatefold.server.films.PackedFilm;
import gatefold.server.films.ProgressiveRendition;
import gatefold.server.films.Rung;
import gatefold.server.films.Trailer;
import gatefold.server.http.Json;
import gatefold.server.jobs.JobContext;
import gatefold.server.jobs.JobHandler;
import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.JobResult;
import gatefold.server.jobs.Lane;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * Packages a film's master into HLS and cuts its public trailer, in a scratch folder, then puts
 * every file into the store under {@code artists/<artist>/derived/films/<stream key>/} and
 * records the stream last, so a stream is playable only once all of it is stored.
 */
final class PackageJob implements JobHandler {

    static final JobKind KIND = JobKind.of("films.package", Lane.MEDIA).withTimeout(Duration.ofHours(4)).withMaxAttempts(3);
    /** The trailer cut from the master when the artist uploaded none: 30 s from a tenth of the way in. */
    static final Duration TRAILER = Duration.ofSeconds(30);
    private final Jdbi jdbi;
    private final Catalog catalog;
    private final FilmStreams streams;
    private final BlobStore store;
    private final Path ffmpeg;
    private final Path ffprobe;
    private final Path workDir;

    PackageJob(Jdbi jdbi, Catalog catalog, FilmStreams streams, BlobStore store, Path ffmpeg, Path ffprobe, Path workDir) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.streams = streams;
        this.store = store;
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
        this.workDir = workDir;
    }

    static String payload(String fileId) {
        return Json.mapper().createObjectNode().put("fileId", fileId).toString();
    }

    @Override
    public JobResult run(JobContext ctx) throws Exception {
        String releaseId = ctx.key().substring(0, ctx.key().indexOf('/'));
        String wanted = ctx.key().substring(ctx.key().indexOf('/') + 1);
        Optional<Release> release = catalog.release(releaseId);
        Optional<ReleaseFile> master = release.flatMap(streams::master);
        if (master.isEmpty() || !FilmStreams.key(master.get()).equals(wanted)
                || jdbi.withExtension(WatchDao.class, dao -> dao.stream(wanted)).isPresent()) {
            return JobResult.done(); // replaced meanwhile, or made already
        }
        Files.createDirectories(workDir);
        Path scratch = Files.createTempDirectory(workDir, "film-");
        try {
            Path local = local(master.get(), scratch);
            FilmProbe film = new FilmProber(ffprobe).probe(local);
            Ladder ladder = HlsLadder.plan(film);
            PackedFilm packed = new HlsPackager(ffmpeg).pack(local, ladder, scratch.resolve("hls"),
                    KIND.timeout().minus(Duration.ofMinutes(20)), (done, total) -> ctx.progress(0.9 * done.toMillis()
                            / Math.max(1, total.toMillis())));
            Path trailer = scratch.resolve("hls").resolve("trailer.mp4");
            Duration start = film.duration().compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ZERO : film.duration().dividedBy(10);
            new Trailer(ffmpeg, ffprobe).cut(local, start, TRAILER, trailer);
            Path progressive = scratch.resolve(FilmStream.PROGRESSIVE.replace('/', '-'));
            new ProgressiveRendition(ffmpeg).copy(packed.outDir().resolve(progressiveRung(ladder).name()), progressive,
                    Duration.ofMinutes(30));
            if (ctx.stillOwned()) {
                store(release.get(), master.get(), wanted, packed, trailer, progressive);
            }
            return JobResult.done();
        } finally {
            deleteTree(scratch);
        }
    }

    private Path local(ReleaseFile master, Path scratch) throws IOException {
        BlobKey key = BlobKey.of(master.blobKey());
        Optional<Path> onDisk = store.localFile(key);
        if (onDisk.isPresent()) {
            return onDisk.get();
        }
        Path copy = scratch.resolve("master");
        try (InputStream in = store.get(key, ByteRange.ALL)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    /** The rendition browsers without HLS play as one file: the largest whose short side is at most 720. */
    static Rung progressiveRung(Ladder ladder) {
        Rung chosen = ladder.rungs().get(0);
        for (Rung rung : ladder.rungs()) {
            if (Math.min(rung.width(), rung.height()) <= 720) {
                chosen = rung;
            }
        }
        return chosen;
    }

    private void store(Release release, ReleaseFile master, String key, PackedFilm packed, Path trailer, Path progressive)
            throws IOException {
        String prefix = "artists/" + release.artistId() + "/derived/films/" + key;
        long bytes = 0;
        for (PackedFilm.OutputFile file : packed.files()) {
            try (InputStream in = Files.newInputStream(packed.outDir().resolve(file.path()))) {
                store.put(BlobKey.of(prefix + "/" + file.path()), in, file.bytes(), contentType(file.path()));
            }
            bytes += file.bytes();
        }
        for (Map.Entry<String, Path> extra : Map.of(FilmStream.TRAILER, trailer, FilmStream.PROGRESSIVE, progressive).entrySet()) {
            try (InputStream in = Files.newInputStream(extra.getValue())) {
                store.put(BlobKey.of(prefix + "/" + extra.getKey()), in, Files.size(extra.getValue()), "video/mp4");
            }
            bytes += Files.size(extra.getValue());
        }
        String renditions = packed.variants().stream().map(v -> v.uri().substring(0, v.uri().indexOf('/')))
                .collect(Collectors.joining(","));
        FilmStream stream = new FilmStream(key, release.artistId(), release.id(), master.id(), prefix, renditions,
                Files.exists(trailer), bytes, Instant.now());
        try {
            jdbi.useExtension(WatchDao.class, dao -> dao.insertStream(stream));
        } catch (RuntimeException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    static String contentType(String path) {
        if (path.endsWith(".m3u8")) {
            return "application/vnd.apple.mpegurl";
        }
        if (path.endsWith(".m4s")) {
            return "video/iso.segment";
        }
        if (path.endsWith(".vtt")) {
            return "text/vtt";
        }
        return "video/mp4";
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // cleared at the next start with the rest of the work dir
                }
            });
        } catch (IOException ignored) {
            // nothing to clear
        }
    }

}
