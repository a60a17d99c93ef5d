package gatefold.server.books;

import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Book masters as files PDFBox and the zip reader can open: the local store's own file, or
 * a copy streamed from S3 into the work dir and deleted when preparation is done.
 */
final class BookMasters {

    private final BlobStore store;
    private final Path workDir;

    BookMasters(BlobStore store, Path workDir) {
        this.store = store;
        this.workDir = workDir;
    }

    /** A file on this machine holding the blob; close it to delete a temporary copy. */
    record Local(Path path, boolean temporary) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (temporary) {
                Files.deleteIfExists(path);
            }
        }
    }

    Local local(String blobKey) throws IOException {
        BlobKey key = BlobKey.of(blobKey);
        Optional<Path> onDisk = store.localFile(key);
        if (onDisk.isPresent()) {
            return new Local(onDisk.get(), false);
        }
        Path copy = Files.createTempFile(workDir(), "master-", ".book");
        try (InputStream in = store.get(key, ByteRange.ALL)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return new Local(copy, true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    /** The directory preparation writes into (rewritten PDFs, template EPUBs), made on first use. */
    Path workDir() throws IOException {
        return Files.createDirectories(workDir);
    }

    /** Removes what a killed run left behind. */
    void clearLeftovers() {
        if (!Files.isDirectory(workDir)) {
            return;
        }
        try (var entries = Files.list(workDir)) {
            entries.forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // busy, or another instance's: left alone
                }
            });
        } catch (IOException ignored) {
            // nothing to clear
        }
    }
}
