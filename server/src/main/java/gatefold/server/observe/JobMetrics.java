package gatefold.server.observe;

import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.JobObserver;
import gatefold.server.jobs.Jobs;
import gatefold.server.jobs.KindCount;
import gatefold.server.jobs.Lane;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the job queue reports. Read from the queue once per scrape (what every instance
 * sharing the database sees): {@code gatefold_jobs{kind, state}} (queued, running, done,
 * failed), {@code gatefold_job_queue_depth{lane, state}}, and
 * {@code gatefold_job_oldest_queued_seconds{lane}}, how long the longest-waiting due job has
 * waited (0 when none). Counted on this instance as its runs end:
 * {@code gatefold_job_runs_total{kind, outcome}} (done, retry, failed, lost, given_back),
 * {@code gatefold_job_duration_seconds{kind, outcome}} (done or failed) and
 * {@code gatefold_job_failures_total{kind}}. Kinds and lanes are the queue's own few names,
 * never a job's id or key.
 */
public final class JobMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(JobMetrics.class);

    /** How many jobs of a lane are in a state. */
    public record Depth(String lane, String state, long jobs) {
    }

    /** What one scrape reads from the queue. */
    public record Figures(List<Depth> lanes, List<KindCount> kinds, Instant now) {
    }

    private final MeterRegistry registry;
    private final MultiGauge depth;
    private final MultiGauge perKind;
    private final MultiGauge oldest;
    private volatile Supplier<Figures> figures = () -> new Figures(List.of(), List.of(), Instant.now());

    JobMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.depth = MultiGauge.builder("gatefold.job.queue.depth").description("Jobs per lane and state").register(registry);
        this.perKind = MultiGauge.builder("gatefold.jobs").description("Jobs per kind and state, on every instance")
                .register(registry);
        this.oldest = MultiGauge.builder("gatefold.job.oldest.queued").baseUnit("seconds")
                .description("How long the longest-waiting due job of a lane has waited").register(registry);
    }

    /** Reports {@code jobs}: its counts at every scrape, and each run that ends on this instance. Call before it starts. */
    public void watch(Jobs jobs, Clock clock) {
        jobs.observe(this::ended);
        figures = () -> {
            List<KindCount> kinds = jobs.countsByKind();
            return new Figures(lanes(kinds), kinds, clock.instant());
        };
    }

    /** Lane counts alone (the per-kind figures stay empty); asked at every scrape. */
    public void depthFrom(Supplier<List<Depth>> counts) {
        this.figures = () -> new Figures(counts.get(), List.of(), Instant.now());
    }

    /** One run of a job ended on this instance. */
    public void ended(JobKind kind, JobObserver.Ending ending, Duration took) {
        String name = kind.name();
        Counter.builder("gatefold.job.runs").tags("kind", name, "outcome", ending.name().toLowerCase())
                .description("Job runs ended on this instance").register(registry).increment();
        switch (ending) {
            case DONE -> finished(name, took, false);
            case RETRY, FAILED -> finished(name, took, true);
            default -> { } // lost or given back: another run decides how the job ends
        }
    }

    /** One run of a job ended, done or failed. */
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
        Figures read;
        try {
            read = figures.get();
        } catch (RuntimeException e) {
            LOG.warn("job queue figures not read: {}", e.getMessage());
            return;
        }
        depth.register(read.lanes().stream()
                .map(d -> MultiGauge.Row.of(Tags.of("lane", d.lane(), "state", d.state()), d.jobs()))
                .toList(), true);
        perKind.register(read.kinds().stream()
                .map(k -> MultiGauge.Row.of(Tags.of("kind", k.kind(), "state", state(k)), k.jobs()))
                .toList(), true);
        oldest.register(oldestPerLane(read).entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("lane", e.getKey()), e.getValue()))
                .toList(), true);
    }

    private static String state(KindCount k) {
        return k.state().id();
    }

    private static List<Depth> lanes(List<KindCount> kinds) {
        Map<String, Long> sums = new LinkedHashMap<>();
        for (KindCount k : kinds) {
            sums.merge(k.lane().name().toLowerCase() + "/" + state(k), k.jobs(), Long::sum);
        }
        List<Depth> lanes = new ArrayList<>();
        sums.forEach((key, jobs) -> lanes.add(new Depth(key.substring(0, key.indexOf('/')), key.substring(key.indexOf('/') + 1),
                jobs)));
        return lanes;
    }

    /** Every lane is listed (0 when nothing waits), so a lane's series never vanishes when it catches up. */
    private static Map<String, Double> oldestPerLane(Figures read) {
        if (read.kinds().isEmpty()) {
            return Map.of();
        }
        Map<Lane, Double> seconds = new EnumMap<>(Lane.class);
        for (Lane lane : Lane.values()) {
            seconds.put(lane, 0.0);
        }
        for (KindCount k : read.kinds()) {
            k.oldestDueAt().ifPresent(due -> seconds.merge(k.lane(),
                    Math.max(0, Duration.between(due, read.now()).toMillis() / 1000.0), Math::max));
        }
        Map<String, Double> named = new LinkedHashMap<>();
        seconds.forEach((lane, s) -> named.put(lane.name().toLowerCase(), s));
        return named;
    }
}
