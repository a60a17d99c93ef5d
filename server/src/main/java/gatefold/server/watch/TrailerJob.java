package gatefold.server.watch;

import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.Refusal;
import gatefold.server.db.Sql;
import gatefold.server.films.Trailer;
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
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Makes the trailer an artist chose (a clip of the master, or an uploaded file re-encoded) and
 * stores it under {@code artists/<artist>/derived/films/trailers/<key>.mp4}. A choice the film
 * cannot meet (a clip past its end) fails once, with the reason the artist sees.
 */
final class TrailerJob implements JobHandler {

    static final JobKind KIND = JobKind.of("films.trailer", Lane.MEDIA).withTimeout(Duration.ofMinutes(30)).withMaxAttempts(3);
    private final Jdbi jdbi;
    private final Catalog catalog;
    private final FilmTrailers trailers;
    private final FilmTools tools;
    private final Trailer maker;
    private final Clock clock;

    TrailerJob(Jdbi jdbi, Catalog catalog, FilmTrailers trailers, FilmTools tools, Clock clock) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.trailers = trailers;
        this.tools = tools;
        this.maker = new Trailer(tools.ffmpeg(), tools.ffprobe(), tools.slots());
        this.clock = clock;
    }

    @Override
    public JobResult run(JobContext ctx) throws Exception {
        String releaseId = ctx.key().substring(0, ctx.key().indexOf('/'));
        String wanted = ctx.key().substring(ctx.key().indexOf('/') + 1);
        Optional<Release> release = catalog.release(releaseId);
        Optional<TrailerChoice> choice = release.flatMap(r -> trailers.choice(r.id()));
        Optional<ReleaseFile> source = choice.flatMap(c -> trailers.source(release.get(), c));
        if (source.isEmpty() || !FilmTrailers.key(source.get(), choice.get()).equals(wanted) || trailers.made(release.get()).isPresent()) {
            return JobResult.done(); // chosen again meanwhile, or made already
        }
        Path scratch = tools.scratch("trailer-");
        try {
            Path local = tools.local(source.get(), scratch, "source");
            Path out = scratch.resolve("trailer.mp4");
            TrailerChoice c = choice.get();
            try {
                Trailer.Made made = c.isClip() ? maker.cut(local, Duration.ofMillis(c.startMs()), Duration.ofMillis(c.lengthMs()), out)
                        : maker.fromUpload(local, out);
                if (ctx.stillOwned()) {
                    store(release.get(), wanted, made);
                }
            } catch (Refusal refused) {
                return JobResult.failed(refused.getMessage());
            }
            return JobResult.done();
        } finally {
            FilmTools.clear(scratch);
        }
    }

    private void store(Release release, String key, Trailer.Made made) throws IOException {
        String blobKey = "artists/" + release.artistId() + "/derived/films/trailers/" + key + ".mp4";
        try (InputStream in = Files.newInputStream(made.file())) {
            tools.store().put(BlobKey.of(blobKey), in, made.bytes(), "video/mp4");
        }
        MadeTrailer trailer = new MadeTrailer(key, release.artistId(), release.id(), blobKey, made.bytes(), clock.instant());
        try {
            jdbi.useExtension(WatchDao.class, dao -> dao.insertTrailer(trailer));
        } catch (RuntimeException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
        }
    }
}
