package gatefold.server.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the job queue reports: {@code gatefold_job_queue_depth{lane, state}}, read from the
 * queue once per scrape, and per kind of job {@code gatefold_job_duration_seconds{kind,
 * outcome}} (done or failed) and {@code gatefold_job_failures_total{kind}}. Kinds and lanes
 * are the queue's own few names, never a job's id or key.
 */
public final class JobMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(JobMetrics.class);

    /** How many jobs of a lane are in a state. */
    public record Depth(String lane, String state, long jobs) {
    }

    private final MeterRegistry registry;
    private final MultiGauge depth;
    private volatile Supplier<List<Depth>> counts = List::of;

    JobMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.depth = MultiGauge.builder("gatefold.job.queue.depth").description("Jobs per lane and state").register(registry);
    }

    /** The queue's counts per lane and state (one query), asked at every scrape. */
    public void depthFrom(Supplier<List<Depth>> counts) {
        this.counts = counts;
    }

    /** One run of a job ended. */
    public void finished(String kind, Duration took, boolean failed) {
        Timer.builder("gatefold.job.duration").tags("kind", kind, "outcome", failed ? "failed" : "done")
                .description("Job runs by kind").register(registry).record(took);
        if (failed) {
            Counter.builder("gatefold.job.failures").tag("kind", kind).description("Job runs that failed").register(registry)
                    .increment();
        }
    }

    /** Called before each scrape; a database that does not answer keeps the last figures. */
    void refresh() {
        try {
            depth.register(counts.get().stream()
                    .map(d -> MultiGauge.Row.of(Tags.of("lane", d.lane(), "state", d.state()), d.jobs()))
                    .toList(), true);
        } catch (RuntimeException e) {
            LOG.warn("job queue depth not read: {}", e.getMessage());
        }
    }
}
