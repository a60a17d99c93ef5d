package gatefold.server.media;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the instances that run media work can make, kept in the database: each such
 * instance records its ffmpeg's formats at start and every few minutes, and every
 * instance (one that only serves fans too) offers what some worker seen lately can build.
 * Without ffmpeg anywhere, fans get the original files, and the artist is told why. The
 * refresh is a timer of this instance, not a queue job: each instance must record itself.
 */
public final class MediaWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaWorkers.class);
    static final Duration REFRESH = Duration.ofMinutes(2);
    static final Duration FORGET = Duration.ofMinutes(10);
    private static final Duration CACHE = Duration.ofSeconds(5);

    /** One instance's record. */
    public record Worker(String instanceId, String formats, boolean previews, String toolVersion, String absence,
                         Instant seenAt) {
    }

    /** What fans can be offered now. {@code absence} says why nothing beyond originals, when that is so. */
    public record Capabilities(Set<AudioFormat> formats, boolean previews, Optional<String> absence) {
        public boolean canMake(AudioFormat format) {
            return format.isOriginal() || formats.contains(format);
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private volatile Capabilities cached;
    private volatile Instant cachedAt = Instant.MIN;
    private ScheduledExecutorService refresher;

    public MediaWorkers(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** This instance runs media work with these tools: record them now and keep the record fresh. */
    public synchronized void announce(String instanceId, MediaTools tools) {
        record(instanceId, tools);
        if (tools.present()) {
            LOG.info("media: {}", tools.describe());
        } else {
            LOG.warn("media: {}", tools.absence().orElse("ffmpeg was not found"));
        }
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "gatefold-media-workers");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                record(instanceId, tools);
            } catch (RuntimeException e) {
                LOG.warn("could not refresh this instance's media record: {}", e.getMessage());
            }
        }, REFRESH.toSeconds(), REFRESH.toSeconds(), TimeUnit.SECONDS);
    }

    void record(String instanceId, MediaTools tools) {
        String formats = tools.formats().stream().filter(f -> !f.isOriginal()).map(AudioFormat::id).sorted()
                .collect(Collectors.joining(","));
        Worker worker = new Worker(instanceId, formats, tools.canMakePreviews(), tools.present() ? tools.version() : null,
                tools.absence().orElse(null), clock.instant());
        jdbi.useExtension(MediaDao.class, dao -> {
            if (dao.updateWorker(worker) == 0) {
                dao.insertWorker(worker);
            }
            dao.forgetWorkers(clock.instant().minus(FORGET.multipliedBy(6)));
        });
        cachedAt = Instant.MIN;
    }

    /** What the workers seen in the last few minutes can make, asked at most every few seconds. */
    public Capabilities offered() {
        Instant now = clock.instant();
        Capabilities current = cached;
        if (current != null && now.isBefore(cachedAt.plus(CACHE))) {
            return current;
        }
        List<Worker> workers = jdbi.withExtension(MediaDao.class, dao -> dao.workersSeenSince(now.minus(FORGET)));
        Set<AudioFormat> formats = EnumSet.of(AudioFormat.ORIGINAL);
        boolean previews = false;
        for (Worker worker : workers) {
            Arrays.stream(worker.formats().split(",")).filter(id -> !id.isBlank()).map(MediaWorkers::format)
                    .flatMap(Optional::stream).forEach(formats::add);
            previews |= worker.previews();
        }
        Optional<String> absence = formats.size() > 1 ? Optional.empty() : Optional.of(workers.stream()
                .map(Worker::absence).filter(a -> a != null).findFirst()
                .orElse(workers.isEmpty() ? "no instance that makes other formats is running, so fans are offered the original files only"
                        : "ffmpeg was not found, so fans are offered the original files only"));
        cached = new Capabilities(Set.copyOf(formats), previews, absence);
        cachedAt = now;
        return cached;
    }

    private static Optional<AudioFormat> format(String id) {
        for (AudioFormat format : AudioFormat.values()) {
            if (format.id().equals(id)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }
}
