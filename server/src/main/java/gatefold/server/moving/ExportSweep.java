package gatefold.server.moving;

import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.JobResult;
import gatefold.server.jobs.Jobs;
import gatefold.server.jobs.Lane;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.NoSuchUploadException;
import gatefold.storage.PendingUpload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hourly, on the upkeep lane: deletes exports whose link ran out (the blob first, then the row,
 * so a failure leaves a row the next round tries again, never a blob no row names), buyers' files
 * left unconfirmed for a day, and multipart uploads under {@code exports/} idle for a day (an S3
 * put of an export whose instance was killed; the file store's temporary files go with the upload
 * janitor's leftovers).
 */
final class ExportSweep {

    static final JobKind KIND = JobKind.of("moving.export-sweep", Lane.UPKEEP).withMaxAttempts(3);
    static final Duration EVERY = Duration.ofHours(1);
    private static final Duration IDLE = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(ExportSweep.class);
    private final ExportRows rows;
    private final BlobStore store;

    ExportSweep(ExportRows rows, BlobStore store) {
        this.rows = rows;
        this.store = store;
    }

    void register(Jobs jobs, Clock clock) {
        jobs.register(KIND, ctx -> {
            runOnce(clock.instant());
            return JobResult.done();
        });
    }

    /** Returns how many exports went. */
    int runOnce(Instant now) {
        int deleted = 0;
        for (ExportRows.Row row : rows.expired(now, now.minus(ArtistExports.LIFETIME))) {
            store.delete(BlobKey.of(row.blobKey()));
            deleted += rows.delete(row.id());
        }
        int drafts = BuyerDrafts.forgetUnconfirmed(rows.jdbi(), now);
        int aborted = abortIdleUploads(now.minus(IDLE));
        if (deleted + drafts + aborted > 0) {
            LOG.info("exports: {} expired export(s), {} unconfirmed buyers' file(s), {} stopped upload(s) removed", deleted, drafts,
                    aborted);
        }
        return deleted;
    }

    private int abortIdleUploads(Instant cutoff) {
        int aborted = 0;
        for (PendingUpload upload : store.pendingUploads(ArtistExports.PREFIX)) {
            try {
                Instant last = store.lastPartReceived(upload.key(), upload.uploadId()).orElse(upload.started());
                if (last.isBefore(cutoff) && upload.started().isBefore(cutoff)) {
                    store.abortMultipart(upload.key(), upload.uploadId());
                    aborted++;
                }
            } catch (NoSuchUploadException e) {
                // completed or aborted while we looked
            }
        }
        return aborted;
    }

    static void deleteQuietly(BlobStore store, String key) {
        try {
            store.delete(BlobKey.of(key));
        } catch (RuntimeException e) {
            LOG.warn("could not delete the old export {} ({}); it stays in the store", key, e.getMessage());
        }
    }
}
