package gatefold.server.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;

/**
 * The embedded H2 file shared with the operator's commands. H2 admits one process per file; with
 * {@code AUTO_SERVER=TRUE} the process that opens it first also opens a TCP port, and a second
 * process (gatefold export, import-buyers, keys rotate) reaches the same database through it.
 * Chosen over an admin endpoint because every command then keeps one code path, the same with
 * the server running or stopped. What it costs the server: one idle listener on a loopback port,
 * and after a {@code kill -9} the next start waits about four seconds for the stale lock file.
 * The port admits only a client that names the random key in the lock file, which is readable by
 * the store's own user alone.
 */
public final class SharedH2 {

    private static final String AUTO_SERVER = ";AUTO_SERVER=TRUE";
    /** The code {@link Database#joinRunning} fails with when the file turned out to be free. */
    public static final int NOT_RUNNING = -90020;

    private SharedH2() {
    }

    /**
     * H2 opens that port on every interface unless told otherwise; a database has no business on
     * the network. Runs before H2 reads its settings (an operator's own -Dh2.bindAddress wins).
     */
    static void loopbackOnly() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    public static boolean isFile(String url) {
        return url.startsWith("jdbc:h2:file:");
    }

    /** The URL the server opens: shared with later processes. */
    public static String shared(String url) {
        return !isFile(url) || url.toUpperCase(java.util.Locale.ROOT).contains(AUTO_SERVER) ? url : url + AUTO_SERVER;
    }

    /** The URL a command opens to hold the file alone: it fails at once while a server has it. */
    public static String exclusive(String url) {
        return url.replaceAll("(?i);AUTO_SERVER=TRUE", "");
    }

    /** True when the failure says another process has the file open. */
    public static boolean inUse(Throwable failure) {
        return Sql.isEmbeddedFileInUse(failure);
    }

    /** What H2 itself reports for a file another process has open, for a refusal it did not raise. */
    static java.sql.SQLException inUseFailure(String url) {
        return org.h2.message.DbException.get(org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1, base(url)).getSQLException();
    }

    /** The process holding the file, when this system can tell (Linux). */
    public static OptionalLong holder(String url) {
        return isFile(url) ? FileLockHolder.of(Path.of(base(url) + ".mv.db")) : OptionalLong.empty();
    }

    /** True when the connection reached the file through another process's port. */
    static boolean isRemote(java.sql.Connection connection) {
        try {
            return connection.isWrapperFor(org.h2.jdbc.JdbcConnection.class)
                    && connection.unwrap(org.h2.jdbc.JdbcConnection.class).getSession().isRemote();
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    /** The lock file names the port and its key: only the store's own user may read it. */
    static void ownerOnly(String url) {
        if (!isFile(url) || !url.toUpperCase(java.util.Locale.ROOT).contains(AUTO_SERVER)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(Path.of(base(url) + ".lock.db"), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            // Not a POSIX file system, or a second process opened through the port and owns no lock file.
        }
    }

    private static String base(String url) {
        String path = url.substring("jdbc:h2:file:".length());
        return path.contains(";") ? path.substring(0, path.indexOf(';')) : path;
    }
}
