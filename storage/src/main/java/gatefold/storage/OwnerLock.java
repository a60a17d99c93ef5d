package gatefold.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A lock file that says "a live process owns this" (a store's temporary files, an import's
 * working folder): held for as long as the owner works. The operating system drops the lock
 * when the process dies, however it dies ({@code kill -9}, a power cut), so a lock that can be
 * taken means its owner is gone, with no guessing from ages. Closing any channel on a locked file
 * drops this process's lock on it (POSIX), so a file locked in this JVM is never opened to probe
 * it: every lock held here, and every probe under way here, is listed in {@link #HERE}.
 */
public final class OwnerLock implements Closeable {

    private static final Set<Path> HERE = ConcurrentHashMap.newKeySet();
    private final Path file;
    private final FileChannel channel;

    private OwnerLock(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Creates {@code file} (it must not exist yet) and holds its lock until {@link #close}; on failure the file goes. */
    public static OwnerLock hold(Path file) throws IOException {
        Path key = key(file);
        if (!HERE.add(key)) {
            throw new IOException("This process already holds " + file);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            channel.lock();
            return new OwnerLock(key, channel);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
                Files.deleteIfExists(file);
            }
            HERE.remove(key);
            throw e;
        }
    }

    /**
     * When {@code file}'s owner is gone (no process holds its lock), its lock, held now by this
     * process until {@link #close} so that no other sweep judges the same leftovers meanwhile;
     * empty while an owner holds it (here or elsewhere), or when the file is gone.
     */
    public static Optional<OwnerLock> takeOver(Path file) throws IOException {
        Path key = key(file);
        if (!HERE.add(key)) {
            return Optional.empty(); // held in this JVM, or another thread here is asking right now
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new OwnerLock(key, channel));
            }
        } catch (NoSuchFileException | OverlappingFileLockException e) {
            // Another sweep got there first, or this JVM locked it by another path.
        } catch (IOException | RuntimeException e) {
            close(channel, key);
            throw e;
        }
        close(channel, key);
        return Optional.empty();
    }

    /** Whether this JVM holds {@code file}'s lock (or is probing it right now). */
    public static boolean heldHere(Path file) {
        return HERE.contains(key(file));
    }

    /** Lets the lock go; the file stays for its owner to delete (a process that dies leaves it for a sweep). */
    @Override
    public void close() throws IOException {
        close(channel, file);
    }

    private static void close(FileChannel channel, Path key) throws IOException {
        try {
            if (channel != null) {
                channel.close();
            }
        } finally {
            HERE.remove(key);
        }
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
