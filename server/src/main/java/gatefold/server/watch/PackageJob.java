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
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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
    private final FilmTools tools;
    private final Clock clock;

    PackageJob(Jdbi jdbi, Catalog catalog, FilmStreams streams, FilmTools tools, Clock clock) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.streams = streams;
        this.tools = tools;
        this.clock = clock;
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
        Path scratch = tools.scratch("film-");
        try {
            Path local = tools.local(master.get(), scratch, "master");
            FilmProbe film = new FilmProber(tools.ffprobe()).probe(local);
            Ladder ladder = HlsLadder.plan(film);
            PackedFilm packed = new HlsPackager(tools.ffmpeg(), tools.slots()).pack(local, ladder, scratch.resolve("hls"),
                    KIND.timeout().minus(Duration.ofMinutes(20)), (done, total) -> ctx.progress(0.9 * done.toMillis()
                            / Math.max(1, total.toMillis())));
            Path trailer = scratch.resolve("hls").resolve("trailer.mp4");
            Duration start = film.duration().compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ZERO : film.duration().dividedBy(10);
            new Trailer(tools.ffmpeg(), tools.ffprobe(), tools.slots()).cut(local, start, TRAILER, trailer);
            Path progressive = scratch.resolve(FilmStream.PROGRESSIVE.replace('/', '-'));
            new ProgressiveRendition(tools.ffmpeg(), tools.slots()).copy(packed.outDir().resolve(progressiveRung(ladder).name()), progressive,
                    Duration.ofMinutes(30));
            if (ctx.stillOwned()) {
                store(release.get(), master.get(), wanted, packed, trailer, progressive);
            }
            return JobResult.done();
        } finally {
            FilmTools.clear(scratch);
        }
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
                tools.store().put(BlobKey.of(prefix + "/" + file.path()), in, file.bytes(), contentType(file.path()));
            }
            bytes += file.bytes();
        }
        for (Map.Entry<String, Path> extra : Map.of(FilmStream.TRAILER, trailer, FilmStream.PROGRESSIVE, progressive).entrySet()) {
            try (InputStream in = Files.newInputStream(extra.getValue())) {
                tools.store().put(BlobKey.of(prefix + "/" + extra.getKey()), in, Files.size(extra.getValue()), "video/mp4");
            }
            bytes += Files.size(extra.getValue());
        }
        String renditions = packed.variants().stream().map(v -> v.uri().substring(0, v.uri().indexOf('/')))
                .collect(Collectors.joining(","));
        FilmStream stream = new FilmStream(key, release.artistId(), release.id(), master.id(), prefix, renditions,
                Files.exists(trailer), bytes, clock.instant());
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
}
