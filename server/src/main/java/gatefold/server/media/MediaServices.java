package gatefold.server.media;

import gatefold.server.accounts.Accounts;
import gatefold.server.catalog.Catalog;
import gatefold.server.config.Config;
import gatefold.server.jobs.JobSettings;
import gatefold.server.jobs.Jobs;
import gatefold.server.storefront.Covers;
import gatefold.server.tools.ToolSlots;
import gatefold.storage.BlobStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.jdbi.v3.core.Jdbi;

/**
 * The media feature as the rest of Gatefold sees it: the formats buyers can have
 * ({@link #shelf}), the planner that keeps them made, and the tools this instance has.
 */
public record MediaServices(MediaTools tools, MediaWorkers workers, FormatPlanner planner, FormatShelf shelf,
                            MediaStatus status, Previews previews) {

    /** What media work needs from the rest of the store. */
    public record Needs(Jdbi jdbi, BlobStore store, Catalog catalog, Accounts accounts, Covers covers, Jobs jobs) {
    }

    public static MediaServices build(Config config, URI publicUrl, Needs needs, Predicate<String> hasBuyers,
                                      ToLongFunction<String> mastersBytes, ToLongFunction<String> filmBytes) {
        Clock clock = Clock.systemUTC();
        MediaTools tools = MediaTools.detect(config.settings()).limitedTo(new ToolSlots(JobSettings.encoders(config.settings())));
        MediaWorkers workers = new MediaWorkers(needs.jdbi(), clock);
        MediaCatalog media = new MediaCatalog(needs.jdbi(), needs.catalog(), needs.accounts(), publicUrl);
        Previews previews = new Previews(needs.jdbi(), media, workers, needs.jobs(), clock);
        FormatPlanner planner = new FormatPlanner(needs.jdbi(), media, workers, needs.jobs(), hasBuyers, previews);
        AlbumLayout albums = new AlbumLayout(needs.store(), needs.covers());
        FormatShelf shelf = new FormatShelf(needs.jdbi(), media, workers, planner, needs.jobs(), albums);
        double factor = Double.parseDouble(config.settings().get("GATEFOLD_DERIVED_QUOTA_FACTOR", "6"));
        DerivedSpace space = new DerivedSpace(needs.jdbi(), needs.store(), mastersBytes, factor, filmBytes);
        Masters masters = new Masters(needs.store(), config.dataDir().resolve("work").resolve("media"));
        Jobs jobs = needs.jobs();
        CheckJob checks = new CheckJob(needs.jdbi(), needs.catalog(), masters, new Probe(tools), clock, planner::refresh);
        jobs.register(MediaJobs.CHECK, checks);
        jobs.register(MediaJobs.DERIVE, new DeriveJob(needs.jdbi(), media, masters, new Transcoder(tools), needs.covers(), space));
        jobs.register(MediaJobs.PREVIEW, new PreviewJob(needs.jdbi(), media, previews, masters, new Transcoder(tools), space));
        jobs.register(MediaJobs.SWEEP, new SweepJob(needs.jdbi(), media, workers, needs.store(), clock, previews));
        return new MediaServices(tools, workers, planner, shelf, new MediaStatus(media, shelf, space,
                new FormatWork(workers, planner, jobs), tools.present() ? Optional.of(checks) : Optional.empty()), previews);
    }

    /** This instance runs media work: record what it can make, clear a killed run's leftovers, keep the sweep scheduled. */
    public void startWork(String instanceId, Jobs jobs, Config config) {
        new Masters(null, config.dataDir().resolve("work").resolve("media")).clearLeftovers();
        workers.announce(instanceId, tools);
        jobs.every(MediaJobs.SWEEP, Duration.ofDays(1));
    }
}
