package gatefold.server.watch;

import gatefold.server.catalog.ReleaseFile;
import gatefold.server.tools.ToolSlots;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the film jobs (packaging, trailers) work with: the store the films come from and go to,
 * ffmpeg and ffprobe, the server's encoder slots, and the folder their scratch space lives in.
 */
record FilmTools(BlobStore store, Path ffmpeg, Path ffprobe, ToolSlots slots, Path workDir) {

    /** A fresh scratch folder under the work dir; the caller deletes it with {@link #clear}. */
    Path scratch(String prefix) throws IOException {
        Files.createDirectories(workDir);
        return Files.createTempDirectory(workDir, prefix);
    }

    /** The file on disk: the store's own path on a local store, else a copy into {@code scratch} named {@code name}. */
    Path local(ReleaseFile file, Path scratch, String name) throws IOException {
        BlobKey key = BlobKey.of(file.blobKey());
        Optional<Path> onDisk = store.localFile(key);
        if (onDisk.isPresent()) {
            return onDisk.get();
        }
        Path copy = scratch.resolve(name);
        try (InputStream in = store.get(key, ByteRange.ALL)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    /** Deletes a scratch folder; what cannot be deleted now is cleared at the next start with the rest of the work dir. */
    static void clear(Path scratch) {
        try (Stream<Path> walk = Files.walk(scratch)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // cleared at the next start
                }
            });
        } catch (IOException ignored) {
            // nothing to clear
        }
    }
}
