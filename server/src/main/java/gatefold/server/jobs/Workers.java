package gatefold.server.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a started instance runs: one {@link LaneWorkers} per lane and the heartbeat; and how it stops. */
final class Workers {

    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);
    /** After the grace period, how long interrupted handlers get to stop and give their jobs back. */
    private static final Duration GIVE_BACK_WAIT = Duration.ofSeconds(5);
    private final Map<Lane, LaneWorkers> lanes;
    private final Leases leases;

    private Workers(Map<Lane, LaneWorkers> lanes, Leases leases) {
        this.lanes = lanes;
        this.leases = leases;
    }

    static Workers start(Set<Lane> run, Collection<Registration> handlers, Jdbi jdbi, Clock clock, JobSettings settings,
                         JobObserver observer) {
        Leases leases = new Leases(jdbi, clock, settings);
        AtomicLong claims = new AtomicLong();
        // Unique per claim, so a run that lost its job cannot mistake a later claim for its own.
        String prefix = settings.instance() + "#";
        Map<Lane, LaneWorkers> lanes = new EnumMap<>(Lane.class);
        for (Lane lane : run) {
            Map<String, Registration> kinds = handlers.stream().filter(r -> r.kind().lane() == lane)
                    .collect(Collectors.toMap(r -> r.kind().name(), r -> r));
            if (kinds.isEmpty()) {
                LOG.info("jobs: no kinds registered for the {} lane; it runs nothing here", name(lane));
                continue;
            }
            lanes.put(lane, new LaneWorkers(lane, kinds, new QueueParts(jdbi, clock, settings, observer), leases,
                    () -> prefix + claims.incrementAndGet()));
        }
        leases.start();
        lanes.values().forEach(LaneWorkers::start);
        LOG.info("jobs: instance {} runs {}", settings.instance(), lanes.isEmpty() ? "no lanes"
                : lanes.values().stream().map(w -> name(w.lane()) + " (" + w.size() + ")").collect(Collectors.joining(", ")));
        return new Workers(Map.copyOf(lanes), leases);
    }

    private static String name(Lane lane) {
        return lane.name().toLowerCase();
    }

    Set<Lane> lanes() {
        return lanes.keySet();
    }

    void wake(Lane lane) {
        LaneWorkers workers = lanes.get(lane);
        if (workers != null) {
            workers.wake();
        }
    }

    /**
     * Stops claiming, lets running jobs finish for up to {@code grace}, then interrupts the
     * rest; each that stops unfinished is queued again at once for another instance. A
     * handler that ignores the interrupt keeps its lease until it runs out.
     */
    void stop(Duration grace) {
        lanes.values().forEach(LaneWorkers::stopClaiming);
        try {
            if (!awaitIdle(grace)) {
                LOG.info("jobs: {} still running after {}; giving them back", running(), JobFailures.describe(grace));
                lanes.values().forEach(LaneWorkers::giveBackRunning);
                if (!awaitIdle(GIVE_BACK_WAIT)) {
                    LOG.warn("jobs: {} did not stop; other instances take them when their leases run out", running());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            leases.close();
            lanes.values().forEach(LaneWorkers::shutdown);
        }
    }

    private boolean awaitIdle(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (LaneWorkers workers : lanes.values()) {
            if (!workers.awaitIdle(deadline)) {
                return false;
            }
        }
        return true;
    }

    int running() {
        return lanes.values().stream().mapToInt(LaneWorkers::running).sum();
    }
}
