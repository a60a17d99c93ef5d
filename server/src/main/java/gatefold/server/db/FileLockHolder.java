package gatefold.server.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Which process holds a lock on a file, read from Linux's {@code /proc/locks}: H2 locks its
 * database file while it is open, so this names the Gatefold already using a data directory.
 */
final class FileLockHolder {

    private FileLockHolder() {
    }

    /** The id of the process holding a lock on {@code file}, if this system can tell. */
    static OptionalLong of(Path file) {
        try {
            long dev = (Long) Files.getAttribute(file, "unix:dev");
            long inode = (Long) Files.getAttribute(file, "unix:ino");
            // /proc/locks names a file as major:minor:inode, the device numbers in hex.
            String id = String.format("%02x:%02x:%d", (dev >> 8) & 0xfff, (dev & 0xff) | ((dev >> 12) & 0xfff00), inode);
            long self = ProcessHandle.current().pid();
            for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
                // "1: POSIX  ADVISORY  WRITE 1234 fe:00:2146329 0 EOF"; waiting locks start with "->".
                String[] f = line.trim().split("\\s+");
                if (f.length >= 6 && !f[1].equals("->") && f[5].equals(id)) {
                    long pid = Long.parseLong(f[4]);
                    if (pid > 0 && pid != self) {
                        return OptionalLong.of(pid);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the lock went away: the message just goes without the id.
        }
        return OptionalLong.empty();
    }
}
