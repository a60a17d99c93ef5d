package gatefold.server.db;

import java.util.Map;

/** Where a test database is and how to sign in to it, as a Gatefold server is told it. */
public record DatabaseAddress(String url, String user, String password) {

    /** The settings that point a Gatefold server (in process or a child process) at this database. */
    public Map<String, String> settings() {
        return Map.of("GATEFOLD_DB_URL", url, "GATEFOLD_DB_USER", user, "GATEFOLD_DB_PASSWORD", password);
    }

    /** Opens it the way the server does: a pool, then the migrations. */
    public Database open() {
        return Database.open(url, user, password, null);
    }
}
