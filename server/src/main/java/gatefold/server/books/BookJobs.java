package gatefold.server.books;

import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.Lane;
import gatefold.server.security.Tokens;
import java.time.Duration;

/** Book work on the job queue. */
final class BookJobs {

    /** Test-stamps an uploaded book file: key {@code <releaseId>/stamp/<fileId>/<blob hash>}. */
    static final JobKind PREPARE = JobKind.of("books.prepare", Lane.MEDIA).withTimeout(Duration.ofMinutes(30)).withMaxAttempts(3);

    private BookJobs() {
    }

    static String prepareKey(String releaseId, String fileId, String blobKey) {
        return releaseId + "/stamp/" + fileId + "/" + Tokens.hash(blobKey).substring(0, 16);
    }

    static String payload(String fileId, String blobKey) {
        return gatefold.server.http.Json.mapper().createObjectNode().put("fileId", fileId).put("blobKey", blobKey).toString();
    }
}
