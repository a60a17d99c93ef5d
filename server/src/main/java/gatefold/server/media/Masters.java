package gatefold.server.media;

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
 * Masters as files a tool can read (ffmpeg, PDFBox, the zip reader): straight from the local
 * store's disk, or copied (streamed, in bounded memory) from S3 into a temporary file that is
 * deleted when the work is done. Media and books each keep one, in their own work dir.
 */
public final class Masters {

    private final BlobStore store;
    private final Path workDir;

    public Masters(BlobStore store, Path workDir) {
        this.store = store;
        this.workDir = workDir;
    }

    /** A file on this machine holding the blob; close it to delete a temporary copy. */
    public record Local(Path path, boolean temporary) implements AutoCloseable {
        @Override
        public void close() {
            if (temporary) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // A leftover in the work dir is removed at the next start.
                }
            }
        }
    }

    public Local local(String blobKey, String suffix) throws IOException {
        BlobKey key = BlobKey.of(blobKey);
        Optional<Path> onDisk = store.localFile(key);
        if (onDisk.isPresent()) {
            return new Local(onDisk.get(), false);
        }
        Files.createDirectories(workDir);
        Path copy = Files.createTempFile(workDir, "master-", suffix);
        try (InputStream in = store.get(key, ByteRange.ALL)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return new Local(copy, true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    /** A fresh temporary file in the work dir, for an output or a cover. */
    public Local scratch(String suffix) throws IOException {
        Files.createDirectories(workDir);
        return new Local(Files.createTempFile(workDir, "work-", suffix), true);
    }

    /** The directory work writes into, made on first use. */
    public Path workDir() throws IOException {
        return Files.createDirectories(workDir);
    }

    /** Removes what a killed run left behind. */
    public void clearLeftovers() {
        if (!Files.isDirectory(workDir)) {
            return;
        }
        try (var entries = Files.list(workDir)) {
            entries.forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Another instance's file in a shared dir, or busy: left alone.
                }
            });
        } catch (IOException ignored) {
            // Nothing to clear.
        }
    }
}
