package gatefold.server.http;

import gatefold.server.db.Database;
import gatefold.storage.BlobStore;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** Liveness (the process answers) and readiness (the database and the store answer too). */
public final class Health implements RouteGroup {

    private final Database database;
    private final BlobStore store;

    public Health(Database database, BlobStore store) {
        this.database = database;
        this.store = store;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/health/live", ctx -> ctx.json(Map.of("status", "up")));
        routes.get("/health/ready", ctx -> {
            boolean db = database.isReady();
            boolean blobs = storeReady();
            Map<String, String> body = new LinkedHashMap<>();
            body.put("status", db && blobs ? "ready" : "not_ready");
            body.put("database", db ? "up" : "down");
            body.put("store", blobs ? "up" : "down");
            ctx.header("Cache-Control", "no-store");
            ctx.status(db && blobs ? 200 : 503).json(body);
        });
    }

    private boolean storeReady() {
        try {
            store.checkReady();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
