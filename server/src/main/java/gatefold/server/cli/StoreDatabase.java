package gatefold.server.cli;

import gatefold.server.config.Config;
import gatefold.server.config.ConfigException;
import gatefold.server.db.Database;
import gatefold.server.db.SharedH2;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * Opens the store's database for a command, with the server running or not. PostgreSQL takes any
 * number of processes. The embedded H2 file is first opened alone (no server runs: the command
 * holds it, and a server started meanwhile is refused); when a server has it, a command that may
 * run beside the server reaches the file through that server's AUTO_SERVER port ({@link SharedH2}),
 * and one that may not is refused with one line saying to stop the server first.
 */
final class StoreDatabase {

    /** Whether a command may run beside a server that has the embedded database open. */
    enum Beside { JOIN, REFUSE }

    private StoreDatabase() {
    }

    static Database open(Config config, String command, Beside beside) {
        if (!SharedH2.isFile(config.dbUrl())) {
            return Database.open(config);
        }
        try {
            return alone(config);
        } catch (ConfigException e) {
            if (!SharedH2.inUse(e)) {
                throw e;
            }
        }
        if (beside == Beside.REFUSE) {
            throw new ConfigException(running(config) + "; `gatefold " + command + "` cannot run beside it: stop the server first,"
                    + " then run the command again");
        }
        try {
            return Database.joinRunning(config.dbUrl(), config.dbUser(), config.dbPassword());
        } catch (SQLException e) {
            if (e.getErrorCode() == SharedH2.NOT_RUNNING) {
                return alone(config); // it stopped in between
            }
            throw new ConfigException(running(config) + " without a port for commands (a Gatefold older than this one, or"
                    + " FILE_LOCK in GATEFOLD_DB_URL): stop it, or restart it with this version, then run `gatefold " + command
                    + "` again");
        }
    }

    private static Database alone(Config config) {
        return Database.open(SharedH2.exclusive(config.dbUrl()), config.dbUser(), config.dbPassword(), config.dataDir());
    }

    private static String running(Config config) {
        OptionalLong pid = SharedH2.holder(config.dbUrl());
        return "the store is running on the embedded database in " + config.dataDir()
                + (pid.isPresent() ? " (PID " + pid.getAsLong() + ")" : "");
    }
}
