package gatefold.server.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Who PostgreSQL's programs run as. initdb and postgres refuse to run as root, and CI runs as
 * root, so there they run as "nobody" through util-linux's {@code setpriv}, in a directory
 * handed over to that user. Anyone else runs them directly.
 *
 * @param prefix the words put before each command ({@code setpriv ...}), empty when not root
 * @param uid    the user the programs run as, or -1 for this process's own
 * @param gid    that user's group, or -1
 */
record RunAs(List<String> prefix, int uid, int gid) {

    static RunAs forThisProcess() {
        if (!isRoot()) {
            return new RunAs(List.of(), -1, -1);
        }
        String[] nobody = passwdEntry("nobody");
        String setpriv = onPath("setpriv");
        return new RunAs(List.of(setpriv, "--reuid", nobody[2], "--regid", nobody[3], "--clear-groups"),
                Integer.parseInt(nobody[2]), Integer.parseInt(nobody[3]));
    }

    /** Gives the directory to the user the programs run as, so initdb can create the cluster inside it. */
    void handOver(Path dir) throws IOException {
        if (uid >= 0) {
            Files.setAttribute(dir, "unix:uid", uid);
            Files.setAttribute(dir, "unix:gid", gid);
        }
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static String[] passwdEntry(String user) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":");
                if (fields.length > 3 && fields[0].equals(user)) {
                    return fields;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL refuses to run as root and /etc/passwd cannot be read to find"
                    + " the user \"" + user + "\" to run it as: " + e.getMessage(), e);
        }
        throw new IllegalStateException("PostgreSQL refuses to run as root, and there is no user \"" + user
                + "\" to run it as: run the tests as an ordinary user, or add one (useradd -r " + user + ")");
    }

    private static String onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return dir + "/" + program;
            }
        }
        throw new IllegalStateException("PostgreSQL refuses to run as root and " + program + " (util-linux) is missing"
                + " to run it as another user: install util-linux (apt-get install util-linux) or run the tests as an ordinary user");
    }
}
