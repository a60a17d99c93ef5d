package gatefold.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the file store keeps things under its root: {@code blobs/<key>}, {@code meta/<key>.meta},
 * {@code uploads/<id>/} and {@code tmp/}. Every path is checked to stay inside its folder.
 */
final class FileLayout {

    /** Most filesystems allow 255 bytes per name; the sidecar adds ".meta". */
    static final int MAX_SEGMENT_BYTES = 250;

    final Path root;
    final Path blobs;
    final Path meta;
    final Path uploads;
    final Path tmp;

    FileLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.blobs = this.root.resolve("blobs");
        this.meta = this.root.resolve("meta");
        this.uploads = this.root.resolve("uploads");
        this.tmp = this.root.resolve("tmp");
    }

    Path blob(BlobKey key) {
        return inside(blobs, key.value());
    }

    Path meta(BlobKey key) {
        return inside(meta, key.value() + ".meta");
    }

    /** The staging folder of an upload; the id must already be checked to be plain. */
    Path upload(String uploadId) {
        return inside(uploads, uploadId);
    }

    private static Path inside(Path folder, String relative) {
        for (String segment : relative.split("/")) {
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw new InvalidKeyException("the file store allows at most " + MAX_SEGMENT_BYTES
                        + " bytes between slashes in a key");
            }
        }
        Path path = folder.resolve(relative).normalize();
        // BlobKey already refuses "..", absolute keys and backslashes; this is the second lock.
        if (!path.startsWith(folder) || path.equals(folder)) {
            throw new InvalidKeyException("a blob key must stay inside the store");
        }
        return path;
    }
}
