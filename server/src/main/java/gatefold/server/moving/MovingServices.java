package gatefold.server.moving;

import gatefold.server.Services;
import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.delivery.DownloadLinks;
import gatefold.server.http.RouteGroup;
import gatefold.server.jobs.Jobs;
import gatefold.server.mail.MailOut;
import gatefold.server.mail.Mailer;
import java.nio.file.Path;
import java.time.Clock;

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

    public static RouteGroup routes(Services.Core core, Jobs jobs, CurrentArtist current) {
        return new MovingRoutes(exports(core), imports(core), current, artistExports(core, jobs));
    }

    /** The dashboard's "Export everything": status and starting it ({@link ArtistExports}). */
    public static ArtistExports artistExports(Services.Core core, Jobs jobs) {
        return new ArtistExports(core.jdbi(), jobs, core.secrets(), core.publicUrl(), Clock.systemUTC());
    }

    /** POST /api/export and the mailed download link. */
    public static RouteGroup exportRoutes(Services.Core core, Jobs jobs, CurrentArtist current) {
        return new ExportRoutes(artistExports(core, jobs), core.store(), current);
    }

    /**
     * Registers the export job and the hourly sweep of expired exports: call before the queue's workers
     * start; {@code schedule} where this instance runs background work.
     */
    public static void registerArtistExports(Services.Core core, Jobs jobs, Mailer mailer, boolean schedule) {
        ExportRows rows = new ExportRows(core.jdbi());
        jobs.register(ArtistExports.KIND, new ArtistExportJob(rows, exports(core), core.store(), core.secrets(), mailer,
                artistExports(core, jobs), Clock.systemUTC()));
        ExportSweep sweep = new ExportSweep(rows, core.store());
        sweep.register(jobs, Clock.systemUTC());
        if (schedule) {
            jobs.every(ExportSweep.KIND, ExportSweep.EVERY);
        }
    }

    /** The buyers' CSV waiting for the artist to confirm its columns in the dashboard. */
    public static BuyerDrafts buyerDrafts(Services.Core core, Mailer mailer) {
        return new BuyerDrafts(core.jdbi(), new BuyerImport(core.jdbi(), mailer, core.publicUrl()));
    }

    public static RouteGroup buyerRoutes(Services.Core core, Mailer mailer, CurrentArtist current) {
        return new BuyerRoutes(new BuyerImport(core.jdbi(), mailer, core.publicUrl()), current);
    }

    /** Registers the "we moved" mail job: call before the queue's workers start. */
    public static void registerMovedMail(Services.Core core, Jobs jobs, Accounts accounts, Mailer mailer, int perMinute,
                                         DownloadLinks links) {
        jobs.register(MovedMailJob.KIND, new MovedMailJob(core.jdbi(), accounts, core.publicUrl(),
                new MailOut(core.jdbi(), mailer, perMinute, Clock.systemUTC()), links));
    }

    public static RouteGroup movedMailRoutes(Services.Core core, Jobs jobs, CurrentArtist current) {
        return new MovedMailRoutes(new MovedMail(core.jdbi(), jobs), current);
    }

    private static Path workDir(Services.Core core) {
        return core.config().dataDir().resolve("tmp").resolve("moving");
    }
}
