package gatefold.server.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Uploads, read off the answers of the upload routes: {@code gatefold_uploads_completed_total{kind}}
 * (a whole file PUT, or a resumable upload completed) and
 * {@code gatefold_upload_received_bytes_total{kind}} (upload bodies that reached this
 * server: whole files, and parts sent to the local store; parts sent straight to S3 never
 * pass through Gatefold, the bucket's own metrics count those).
 */
final class UploadCounters {

    static final String FILE_PUT = "/api/releases/{id}/files/{name}";
    static final String COMPLETE = "/api/uploads/{uploadId}/complete";
    static final String LOCAL_PART = "/blobs/*";
    private final Counter wholeFiles;
    private final Counter resumable;
    private final Counter wholeFileBytes;
    private final Counter partBytes;

    UploadCounters(MeterRegistry registry) {
        wholeFiles = completed("file").register(registry);
        resumable = completed("resumable").register(registry);
        wholeFileBytes = received("file").register(registry);
        partBytes = received("part").register(registry);
    }

    private static Counter.Builder completed(String kind) {
        return Counter.builder("gatefold.uploads.completed").tag("kind", kind).description("Uploads that became a file");
    }

    private static Counter.Builder received(String kind) {
        return Counter.builder("gatefold.upload.received").baseUnit("bytes").tag("kind", kind)
                .description("Upload bytes that reached this server");
    }

    /** One answered request; only the upload routes count. */
    void answered(String method, String route, int status, long bytesRead) {
        if (method.equals("PUT") && route.equals(FILE_PUT)) {
            wholeFileBytes.increment(bytesRead);
            if (status == 201) {
                wholeFiles.increment();
            }
        } else if (method.equals("PUT") && route.equals(LOCAL_PART)) {
            partBytes.increment(bytesRead);
        } else if (method.equals("POST") && route.equals(COMPLETE) && status == 201) {
            resumable.increment();
        }
    }
}
