package gatefold.server.moving;

import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.OwnerLock;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * What an import killed outright ({@code kill -9}, a power cut) leaves behind, and the next
 * import's clean-up of it. Its rows are never a leftover: they go in in one transaction at the end.
 * What stays is its working folder (table files) and the files it had put in the store, which
 * no row names. So each import holds an {@link OwnerLock} on a file in its folder while it runs, names its
 * artists there once it knows them, and lists each store key before the file goes in. The
 * operating system drops the lock when the process dies, however it dies, so a folder whose lock
 * can be taken belongs to a dead import: its files are deleted (unless its artists' rows are in,
 * an import killed after its commit), then the folder.
 */
final class ImportLeftovers implements AutoCloseable {

    /** Dots: a table's file is named after the table, and no table name starts with one. */
    private static final String RUNNING = ".running";
    private static final String ARTISTS = ".artists";
    private static final String STORE_KEYS = ".store-keys";
    /** A folder made this recently may not have its lock yet. */
    private static final Duration UNCLAIMED_GRACE = Duration.ofMinutes(10);

    private final Path work;
    /** Never opened by a sweep in this JVM ({@link OwnerLock} says why): that would make a live import look dead. */
    private final OwnerLock running;
    private final Writer keys;

    private ImportLeftovers(Path work, OwnerLock running, Writer keys) {
        this.work = work;
        this.running = running;
        this.keys = keys;
    }

    /** Marks {@code work} as the folder of an import running now. */
    static ImportLeftovers claim(Path work) throws IOException {
        OwnerLock running = OwnerLock.hold(work.resolve(RUNNING));
        try {
            return new ImportLeftovers(work, running, Files.newBufferedWriter(work.resolve(STORE_KEYS), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            running.close();
            throw e;
        }
    }

    void artists(List<String> ids) throws IOException {
        Files.write(work.resolve(ARTISTS), ids, StandardCharsets.UTF_8);
    }

    /** {@code written}, with each key also listed in the folder as it is added (before its file goes in). */
    List<BlobKey> listing(List<BlobKey> written) {
        return new AbstractList<>() {
            @Override
            public boolean add(BlobKey key) {
                try {
                    keys.write(key.value() + "\n");
                    keys.flush(); // the page cache outlives the process: enough for a kill, which is what this is for
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return written.add(key);
            }

            @Override
            public BlobKey get(int index) {
                return written.get(index);
            }

            @Override
            public int size() {
                return written.size();
            }
        };
    }

    @Override
    public void close() {
        try (running; keys) {
            // The keys' list closes first, then the lock: the import is over.
        } catch (IOException e) {
            // The folder is deleted next; a lock left open would end with the process anyway.
        }
    }

    /** Deletes what dead imports under {@code tempRoot} left: their files in the store, then their folders. */
    static int sweep(Path tempRoot, Jdbi jdbi, BlobStore store) {
        int swept = 0;
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(tempRoot, "import-*")) {
            for (Path folder : folders) {
                try {
                    if (sweepIfDead(folder, jdbi, store)) {
                        swept++;
                    }
                } catch (IOException | RuntimeException e) {
                    // This folder cannot be judged now (the database is away, say): it is kept for the next sweep.
                }
            }
        } catch (IOException e) {
            // Nothing to sweep, or not now: the next import tries again.
        }
        return swept;
    }

    private static boolean sweepIfDead(Path folder, Jdbi jdbi, BlobStore store) throws IOException {
        Path lockFile = folder.resolve(RUNNING);
        if (!Files.exists(lockFile)) {
            if (Files.getLastModifiedTime(folder).toInstant().isAfter(Instant.now().minus(UNCLAIMED_GRACE))) {
                return false;
            }
        } else {
            Optional<OwnerLock> dead = OwnerLock.takeOver(lockFile);
            if (dead.isEmpty()) {
                return false; // an import is running in it, here or in another process
            }
            try (OwnerLock held = dead.get()) {
                deleteUncommittedFiles(folder, jdbi, store);
            }
        }
        TempFiles.deleteQuietly(folder);
        return true;
    }

    private static void deleteUncommittedFiles(Path folder, Jdbi jdbi, BlobStore store) throws IOException {
        Path artists = folder.resolve(ARTISTS);
        Path listed = folder.resolve(STORE_KEYS);
        if (!Files.exists(artists) || !Files.exists(listed)) {
            return; // killed before any file went in
        }
        List<String> ids = Files.readAllLines(artists, StandardCharsets.UTF_8).stream().filter(s -> !s.isBlank()).toList();
        if (!ids.isEmpty() && jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM artists WHERE id IN (<ids>)")
                .bindList("ids", ids).mapTo(Long.class).one()) > 0) {
            return; // killed after its rows went in: the files are theirs
        }
        for (String key : Files.readAllLines(listed, StandardCharsets.UTF_8)) {
            if (!key.isBlank()) {
                try {
                    store.delete(BlobKey.of(key.strip()));
                } catch (RuntimeException e) {
                    // A file left here has no row and is never served; the folder goes anyway.
                }
            }
        }
    }
}
