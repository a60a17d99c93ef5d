package gatefold.server.backups;

import gatefold.server.common.Refusal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * An online backup of the embedded database while the store keeps running: H2's own
 * {@code BACKUP TO} writes a consistent zip of the database file into
 * {@code <data dir>/backups}, readable by the operator only (it holds password hashes and
 * sealed secrets). PostgreSQL has its own tools for this: {@code pg_dump}.
 */
public final class Backups {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private final Jdbi jdbi;
    private final boolean embedded;
    private final Path dir;

    /** One backup file: where it is, its size, and when it was made. */
    public record Backup(Path file, long size, Instant createdAt) {
    }

    public Backups(Jdbi jdbi, boolean embeddedDatabase, Path dataDir) {
        this.jdbi = jdbi;
        this.embedded = embeddedDatabase;
        this.dir = dataDir.resolve("backups");
    }

    /** One backup at a time: a second request waits for the first rather than writing beside it. */
    public synchronized Backup backUp() {
        if (!embedded) {
            throw new Refusal(Refusal.Kind.CONFLICT, "use_pg_dump", "The database is PostgreSQL: back it up with pg_dump"
                    + " (see docs/OPERATIONS.md), and the files with the bucket's versioning.");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path file = dir.resolve("gatefold-" + STAMP.format(now) + ".zip");
        try {
            createPrivateDir();
            Files.deleteIfExists(file);
            jdbi.useHandle(h -> h.execute("BACKUP TO '" + file.toString().replace("'", "''") + "'"));
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return new Backup(file, Files.size(file), now);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the backup to " + file, e);
        }
    }

    private void createPrivateDir() throws IOException {
        Files.createDirectories(dir);
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
