package gatefold.server.backups;

import gatefold.server.accounts.CurrentArtist;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** POST /api/admin/backup (admin token): 201 {@code {file, size, createdAt}}; 409 {@code use_pg_dump} on PostgreSQL. */
public final class BackupRoutes implements RouteGroup {

    private final Backups backups;
    private final CurrentArtist current;

    public BackupRoutes(Backups backups, CurrentArtist current) {
        this.backups = backups;
        this.current = current;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/admin/backup", ctx -> {
            current.requireAdmin(ctx);
            Backups.Backup backup = backups.backUp();
            ctx.status(201).json(Map.of("file", backup.file().toString(), "size", backup.size(),
                    "createdAt", backup.createdAt().toString()));
        });
    }
}
