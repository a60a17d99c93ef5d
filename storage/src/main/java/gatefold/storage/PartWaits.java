package gatefold.storage;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/** Filling a part's buffer and waiting for parts sent in the background, for {@link S3Uploader}. */
final class PartWaits {

    private PartWaits() {
    }

    static int readFully(UploadStream bytes, byte[] buffer) {
        int filled = 0;
        while (filled < buffer.length) {
            int n = bytes.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    static CompletedPart await(Future<CompletedPart> part) {
        try {
            return part.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new StoreException("uploading a part failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            part.cancel(true);
            throw new StoreException("interrupted while uploading a part", e);
        }
    }

    static void finishQuietly(Future<?> part) {
        if (part == null) {
            return;
        }
        try {
            part.get();
        } catch (ExecutionException | RuntimeException e) {
            // The failure being reported already says what went wrong.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
