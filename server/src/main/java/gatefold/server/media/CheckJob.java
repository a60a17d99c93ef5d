package gatefold.server.media;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.Refusal;
import gatefold.server.db.Sql;
import gatefold.server.http.Json;
import gatefold.server.jobs.JobContext;
import gatefold.server.jobs.JobHandler;
import gatefold.server.jobs.JobResult;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Checks an uploaded master with ffprobe and a full decode, so a damaged or unsupported
 * file is flagged with the problem in plain words before anyone can buy it, and records
 * its duration, sample rate, bit depth and channels (or a film's size) for the artist.
 */
final class CheckJob implements JobHandler {

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final Masters masters;
    private final Probe probe;
    private final Clock clock;
    private final java.util.function.Consumer<String> checked;

    /** {@code checked} hears the release id once a master is checked (to plan its formats). */
    CheckJob(Jdbi jdbi, Catalog catalog, Masters masters, Probe probe, Clock clock, java.util.function.Consumer<String> checked) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.masters = masters;
        this.probe = probe;
        this.clock = clock;
        this.checked = checked;
    }

    static String payload(String fileId, String blobKey) {
        return Json.mapper().createObjectNode().put("fileId", fileId).put("blobKey", blobKey).toString();
    }

    @Override
    public JobResult run(JobContext ctx) throws Exception {
        JsonNode payload = Json.mapper().readTree(ctx.payload());
        String blobKey = payload.path("blobKey").asText();
        Optional<ReleaseFile> file = catalog.file(payload.path("fileId").asText()).filter(f -> f.blobKey().equals(blobKey));
        Optional<Release> release = file.flatMap(f -> catalog.release(f.releaseId()));
        if (file.isEmpty() || release.isEmpty()) {
            return JobResult.done(); // replaced or deleted since: nothing to check
        }
        if (jdbi.withExtension(MediaDao.class, dao -> dao.check(file.get().id(), blobKey)).isPresent()) {
            return JobResult.done();
        }
        checkNow(release.get(), file.get());
        checked.accept(release.get().id());
        return JobResult.done();
    }

    /** Checks the file's current bytes now and records what was found (another instance's record wins a race). */
    MediaCheck checkNow(Release release, ReleaseFile file) throws java.io.IOException {
        MediaCheck check;
        try (Masters.Local local = masters.local(file.blobKey(), ".master")) {
            check = inspect(release, file, local);
        }
        try {
            jdbi.useTransaction(h -> {
                MediaDao dao = h.attach(MediaDao.class);
                dao.insertCheck(check);
                dao.forgetOlderChecks(check.fileId(), file.blobKey());
            });
        } catch (RuntimeException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
        }
        return check;
    }

    private MediaCheck inspect(Release release, ReleaseFile file, Masters.Local local) {
        try {
            if (release.kind().equals("film") || file.contentType().startsWith("video/")) {
                return MediaCheck.of(file.id(), file.blobKey(), probe.video(local.path()), clock.instant());
            }
            return MediaCheck.of(file.id(), file.blobKey(), probe.audio(local.path()), clock.instant());
        } catch (Refusal refused) {
            if (refused.kind() == Refusal.Kind.UNAVAILABLE) {
                throw refused; // the tools are missing here: another worker, or a later run, checks it
            }
            return MediaCheck.problem(file.id(), file.blobKey(), refused.getMessage(), clock.instant());
        }
    }
}
