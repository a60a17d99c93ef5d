package gatefold.server.observe;

import gatefold.server.config.Config;
import gatefold.storage.BlobStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CompletableFuture;

/**
 * One instance's metrics, in Prometheus text format for {@code GET /metrics}: HTTP answers,
 * download links, uploads, the store, the database pool (HikariCP's own meters), the job
 * queue, and the JVM (memory, GC, threads, CPU). Each running Gatefold has its own registry.
 * Names follow Prometheus: base units, {@code _total}, {@code _seconds}, {@code _bytes};
 * labels are a few known values, never a token, id, email or path.
 */
public final class Metrics implements AutoCloseable {

    /** Prometheus text format 0.0.4, what every scraper reads. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpMetrics http = new HttpMetrics(registry);
    private final UploadCounters uploads = new UploadCounters(registry);
    private final JobMetrics jobs = new JobMetrics(registry);
    private final DownloadCounters downloads;
    private final RequestObserver observer;
    private JvmGcMetrics gc;

    private Metrics(Config config) {
        this.downloads = new DownloadCounters(registry, config.delivery());
        this.observer = new RequestObserver(http, downloads, uploads, config.accessLog());
        Gauge.builder("gatefold.info", () -> 1).description("This instance's role, store and delivery mode")
                .tags("role", config.role().id(), "store", config.store().name().toLowerCase(),
                        "delivery", config.delivery().name().toLowerCase())
                .register(registry);
    }

    public static Metrics start(Config config) {
        return new Metrics(config);
    }

    /**
     * Builds the metrics on a thread of their own, beside the database's start: making the
     * registry costs about a tenth of a second of a cold start.
     */
    public static CompletableFuture<Metrics> startAside(Config config) {
        return CompletableFuture.supplyAsync(() -> new Metrics(config), task -> {
            Thread thread = new Thread(task, "gatefold-metrics-start");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** For libraries that report to Micrometer themselves (the database pool). */
    public MeterRegistry registry() {
        return registry;
    }

    public DownloadCounters downloads() {
        return downloads;
    }

    /** Where the job queue reports its depth and its runs. */
    public JobMetrics jobs() {
        return jobs;
    }

    /** The store with every call timed. */
    public BlobStore timed(BlobStore store) {
        return new TimedBlobStore(store, registry);
    }

    /** The handler that wraps every request; install it outermost but for the graceful stop. */
    public RequestObserver observer() {
        return observer;
    }

    /** The text a scraper reads, fresh figures from the job queue included. */
    public String scrape() {
        bindJvm();
        jobs.refresh();
        return registry.scrape();
    }

    /**
     * The JVM's meters join at the first scrape rather than at start, where they would cost
     * another tenth of a second; GC pauses count from then on.
     */
    private synchronized void bindJvm() {
        if (gc != null) {
            return;
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
    }

    @Override
    public synchronized void close() {
        if (gc != null) {
            gc.close();
        }
        registry.close();
    }
}
