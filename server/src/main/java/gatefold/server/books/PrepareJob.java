package gatefold.server.books;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.http.Json;
import gatefold.server.jobs.JobContext;
import gatefold.server.jobs.JobHandler;
import gatefold.server.jobs.JobResult;
import java.util.Optional;

/**
 * Prepares a book file for stamping as soon as it is stored, so a file that cannot be
 * stamped is reported to the artist at once, and the first buyer's click finds it ready.
 * A file that cannot be stamped is a finished job (its record says why); trouble reading
 * the store is retried.
 */
final class PrepareJob implements JobHandler {

    private final Catalog catalog;
    private final StampPreparer preparer;

    PrepareJob(Catalog catalog, StampPreparer preparer) {
        this.catalog = catalog;
        this.preparer = preparer;
    }

    @Override
    public JobResult run(JobContext ctx) throws Exception {
        JsonNode payload = Json.mapper().readTree(ctx.payload());
        String blobKey = payload.path("blobKey").asText();
        Optional<ReleaseFile> file = catalog.file(payload.path("fileId").asText()).filter(f -> f.blobKey().equals(blobKey));
        Optional<Release> release = file.flatMap(f -> catalog.release(f.releaseId()));
        if (file.isEmpty() || release.isEmpty() || !BookTypes.stampable(release.get(), file.get())) {
            return JobResult.done(); // replaced, deleted or no longer a book since
        }
        preparer.prepare(release.get(), file.get());
        return JobResult.done();
    }
}
