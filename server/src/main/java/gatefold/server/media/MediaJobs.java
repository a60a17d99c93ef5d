package gatefold.server.media;

import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.Lane;
import java.time.Duration;

/** The kinds of media work on the job queue. */
final class MediaJobs {

    /** Checks a master with ffprobe (and a decode): key {@code check/<fileId>/<blob key>}. */
    static final JobKind CHECK = JobKind.of("media.check", Lane.MEDIA).withTimeout(Duration.ofMinutes(30)).withMaxAttempts(3);

    /** Makes one derived file: key {@code <releaseId>/<derived key>}. */
    static final JobKind DERIVE = JobKind.of("media.derive", Lane.MEDIA).withTimeout(Duration.ofHours(2)).withMaxAttempts(4);

    /** Makes one preview or whole-track stream: key {@code <releaseId>/<derived key>}. */
    static final JobKind PREVIEW = JobKind.of("media.preview", Lane.MEDIA).withTimeout(Duration.ofMinutes(30)).withMaxAttempts(4);

    /** Deletes derived files nothing wants any more, daily. */
    static final JobKind SWEEP = JobKind.of("media.sweep", Lane.UPKEEP).withMaxAttempts(3);

    private MediaJobs() {
    }

    static String checkKey(String releaseId, String fileId, String blobKey) {
        return releaseId + "/check/" + fileId + "/" + gatefold.server.security.Tokens.hash(blobKey).substring(0, 16);
    }

    static String deriveKey(String releaseId, DerivedKey key) {
        return releaseId + "/" + key.hex();
    }
}
