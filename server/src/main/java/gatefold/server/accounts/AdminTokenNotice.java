package gatefold.server.accounts;

import gatefold.server.config.ConfigException;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where a freshly generated admin token is shown, exactly once. On a terminal it is
 * printed; anywhere else (a service manager's journal, a container log, a redirected file)
 * it would sit in logs for good, so it is written to an owner-only file in the data dir
 * instead, and only that file's path is printed.
 */
public final class AdminTokenNotice {

    public static final String FILE_NAME = "admin-token";

    private AdminTokenNotice() {
    }

    public static void show(String token, PrintStream console, Path dataDir) {
        show(token, console, dataDir, isTerminal());
    }

    static void show(String token, PrintStream console, Path dataDir, boolean terminal) {
        if (terminal) {
            console.println("Admin token (shown once; keep it safe, only its hash is stored): " + token);
        } else {
            Path file = write(token, dataDir);
            console.println("Admin token written to " + file + " (readable only by this user); store it somewhere safe,"
                    + " then delete the file. Only its hash is kept.");
        }
        console.flush();
    }

    private static Path write(String token, Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            Files.deleteIfExists(file);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, token + "\n", StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new ConfigException("GATEFOLD_DATA_DIR: cannot write the new admin token to " + file + " (" + e.getMessage()
                    + "); make the data dir writable, or set GATEFOLD_ADMIN_TOKEN");
        }
    }

    /** Whether standard input and output are an interactive terminal (Java 22+ asks the console itself). */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException olderJava) {
            return true;
        }
    }
}
