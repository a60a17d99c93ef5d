package gatefold.server.jobs;

import gatefold.server.config.Settings;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How this instance runs jobs. A lease is renewed every {@code heartbeat} while a handler
 * works (a third of the lease, so two missed beats still leave time); a job whose
 * instance died is taken by another within about lease + heartbeat + poll.
 *
 * @param instance names this instance in each job's owner column (host/pid/random)
 * @param workers  how many jobs of each lane this instance runs at once
 * @param poll     how often idle workers look for jobs enqueued by other instances
 * @param stopGrace how long running jobs may take to finish at shutdown before they are given back
 */
public record JobSettings(String instance, Map<Lane, Integer> workers, Duration lease, Duration heartbeat, Duration poll,
                          Duration progressEvery, Duration retention, Duration stopGrace) {

    public JobSettings {
        workers = Map.copyOf(workers);
        if (heartbeat.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("the heartbeat must come well within the lease");
        }
    }

    /** Lease 30 s, heartbeat 10 s, poll 0.5 s; media workers: cores − 1, at least 1. */
    public static JobSettings defaults() {
        Map<Lane, Integer> workers = new EnumMap<>(Lane.class);
        workers.put(Lane.MEDIA, Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
        workers.put(Lane.MAIL, 2);
        workers.put(Lane.WEBHOOKS, 2);
        // Two, so the janitor and the purge never wait behind a verifier reading a 50 GB master.
        workers.put(Lane.UPKEEP, 2);
        return new JobSettings(defaultInstance(), workers, Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofDays(30), Duration.ofSeconds(20));
    }

    /**
     * The defaults with GATEFOLD_TRANSCODE_WORKERS applied: the media lane gets one thread more than
     * that many encoders ({@link gatefold.server.tools.ToolSlots} bounds the ffmpeg runs), so one job
     * can store what it made while the others encode.
     */
    public static JobSettings from(Settings settings) {
        return defaults().withWorkers(Lane.MEDIA, encoders(settings) + 1);
    }

    /** GATEFOLD_TRANSCODE_WORKERS: ffmpeg runs at once on this instance (default: cores - 1, at least 1). */
    public static int encoders(Settings settings) {
        return settings.integer("GATEFOLD_TRANSCODE_WORKERS", defaults().workers(Lane.MEDIA), 1, 256);
    }

    public int workers(Lane lane) {
        return workers.getOrDefault(lane, 1);
    }

    public JobSettings withWorkers(Lane lane, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a lane needs at least one worker");
        }
        Map<Lane, Integer> copy = new EnumMap<>(Lane.class);
        copy.putAll(workers);
        copy.put(lane, count);
        return new JobSettings(instance, copy, lease, heartbeat, poll, progressEvery, retention, stopGrace);
    }

    public JobSettings withInstance(String name) {
        return new JobSettings(name, workers, lease, heartbeat, poll, progressEvery, retention, stopGrace);
    }

    public JobSettings withLease(Duration leaseTime, Duration heartbeatEvery) {
        return new JobSettings(instance, workers, leaseTime, heartbeatEvery, poll, progressEvery, retention, stopGrace);
    }

    public JobSettings withPoll(Duration every) {
        return new JobSettings(instance, workers, lease, heartbeat, every, progressEvery, retention, stopGrace);
    }

    public JobSettings withRetention(Duration keepFinished) {
        return new JobSettings(instance, workers, lease, heartbeat, poll, progressEvery, keepFinished, stopGrace);
    }

    public JobSettings withStopGrace(Duration grace) {
        return new JobSettings(instance, workers, lease, heartbeat, poll, progressEvery, retention, grace);
    }

    private static String defaultInstance() {
        // Not InetAddress.getLocalHost(): a slow resolver would hold up the start.
        String host = System.getenv().getOrDefault("HOSTNAME", "gatefold");
        String pid = Long.toString(ProcessHandle.current().pid());
        // The random part tells a restarted process with a reused pid from the one before it.
        String tag = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
        String name = host + "/" + pid + "/" + tag;
        return name.length() <= 100 ? name : name.substring(name.length() - 100);
    }
}
