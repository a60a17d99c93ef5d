package gatefold.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file store's {@code tmp/} folder, shared safely by every process that uses the store.
 * Each store holds an {@link OwnerLock} on an owner file of its own ({@code .owner-<id>.lock}) for as long as it is open,
 * and names its temporary files after it. The operating system drops the lock when the process dies,
 * even by {@code kill -9}, so a sweep tells a dead writer's leftovers from files being written right
 * now without guessing from their age.
 */
final class TempFolder implements Closeable {

    private static final Pattern OWNER_FILE = Pattern.compile("\\.owner-([0-9a-f]{16})\\.lock");
    private static final Pattern STAGED_FILE = Pattern.compile("staged-([0-9a-f]{16})-\\d+\\.tmp");

    private final Path dir;
    private final String owner;
    private final OwnerLock ownerFile;

    private TempFolder(Path dir, String owner, OwnerLock ownerFile) {
        this.dir = dir;
        this.owner = owner;
        this.ownerFile = ownerFile;
    }

    static TempFolder open(Path dir) throws IOException {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String owner = HexFormat.of().formatHex(random);
        return new TempFolder(dir, owner, OwnerLock.hold(ownerPath(dir, owner)));
    }

    /** A new temporary file of this owner's. */
    StagedFile stage(boolean withMd5) throws IOException {
        return StagedFile.create(dir, "staged-" + owner + "-", withMd5);
    }

    Path dir() {
        return dir;
    }

    /**
     * Deletes the files of owners that are gone (their lock is free, or their owner file too), and
     * anything else in the folder not touched since {@code staleBefore}; returns how many files went.
     */
    int sweep(Instant staleBefore) throws IOException {
        int removed = 0;
        for (Path file : list()) {
            Matcher m = OWNER_FILE.matcher(file.getFileName().toString());
            Optional<OwnerLock> gone = m.matches() ? OwnerLock.takeOver(file) : Optional.empty();
            if (gone.isPresent()) {
                try (OwnerLock held = gone.get()) {
                    removed += removeFilesOf(m.group(1));
                }
            }
        }
        for (Path file : list()) {
            String name = file.getFileName().toString();
            Matcher staged = STAGED_FILE.matcher(name);
            boolean orphan = staged.matches() && !OwnerLock.heldHere(ownerPath(dir, staged.group(1)))
                    && !Files.exists(ownerPath(dir, staged.group(1)));
            boolean stale = !staged.matches() && !OWNER_FILE.matcher(name).matches() && modifiedBefore(file, staleBefore);
            if ((orphan || stale) && Files.deleteIfExists(file)) {
                removed++;
            }
        }
        return removed;
    }

    private int removeFilesOf(String deadOwner) throws IOException {
        int removed = 0;
        for (Path file : list()) {
            Matcher staged = STAGED_FILE.matcher(file.getFileName().toString());
            if (staged.matches() && staged.group(1).equals(deadOwner) && Files.deleteIfExists(file)) {
                removed++;
            }
        }
        // Last, so a sweep that stops half-way still finds the staged files (their owner file gone).
        Files.deleteIfExists(ownerPath(dir, deadOwner));
        return removed;
    }

    private List<Path> list() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(files::add);
        }
        return files;
    }

    private static boolean modifiedBefore(Path file, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path ownerPath(Path dir, String owner) {
        return dir.resolve(".owner-" + owner + ".lock");
    }

    /** A clean stop: the lock and the owner file go; files this owner still has open are its own to delete. */
    @Override
    public void close() throws IOException {
        try {
            ownerFile.close();
        } finally {
            Files.deleteIfExists(ownerPath(dir, owner));
        }
    }
}
