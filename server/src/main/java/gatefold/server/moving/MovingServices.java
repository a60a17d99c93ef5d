package gatefold.server.moving;

import gatefold.server.Services;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.http.RouteGroup;
import gatefold.server.mail.Mailer;
import java.nio.file.Path;

/** Builds the export and import services from a running Gatefold's core, for its routes. */
public final class MovingServices {

    private MovingServices() {
    }

    public static StoreExport exports(Services.Core core) {
        return new StoreExport(core.jdbi(), core.store(), core.secrets(), core.publicUrl(), workDir(core));
    }

    public static StoreImport imports(Services.Core core) {
        return new StoreImport(core.jdbi(), core.store(), core.secrets(), workDir(core), core.config().linkLifetime());
    }

    public static RouteGroup routes(Services.Core core, CurrentArtist current) {
        return new MovingRoutes(exports(core), imports(core), current);
    }

    public static RouteGroup buyerRoutes(Services.Core core, Mailer mailer, CurrentArtist current) {
        return new BuyerRoutes(new BuyerImport(core.jdbi(), mailer, core.publicUrl()), current);
    }

    private static Path workDir(Services.Core core) {
        return core.config().dataDir().resolve("tmp").resolve("moving");
    }
}
