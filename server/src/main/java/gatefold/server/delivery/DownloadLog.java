package gatefold.server.delivery;

import gatefold.server.common.Ids;
import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.JobResult;
import gatefold.server.jobs.Jobs;
import gatefold.server.jobs.Lane;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The artist's download statistics, written in batches off the fan's request: a busy
 * release launch writes one multi-row insert every few hundred milliseconds instead of a
 * row per request. Requests for the same purchase, file and format within a minute become
 * one row with their number, whatever browser, address or range they came with, so no
 * link can fill the database however fast or however variously it is clicked. Downloads
 * of releases without a limit are counted here too, one statement per fan and file per
 * batch; limited ones were already decided by {@link Allowances} before their bytes went
 * out. A crash loses at most the last fraction of a second of statistics, never a limit.
 * Reads of the statistics flush first, so this instance's own downloads show.
 */
public final class DownloadLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DownloadLog.class);
    static final int CAPACITY = 50_000;
    private static final int BATCH = 10_000;
    private static final long PAUSE_MILLIS = 250;
    /** Deletes statistics older than the retention period: hourly, one recurring job on the queue. */
    public static final JobKind PURGE = JobKind.of("downloads.purge", Lane.UPKEEP).withMaxAttempts(3);
    public static final Duration PURGE_EVERY = Duration.ofHours(1);
    private static final String INSERT = """
            INSERT INTO download_log (id, entitlement_id, release_id, file_id, downloaded_at, byte_range, counted, user_agent,
                                      ip_hash, requests, format)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String ADD_REQUESTS = "UPDATE download_log SET requests = requests + ? WHERE id = ?";
    private static final String ADD_COUNT =
            "UPDATE download_counts SET downloads = downloads + ? WHERE entitlement_id = ? AND file_id = ?";

    /**
     * One download request that sent (or was about to send) bytes. {@code countLater}: a
     * download from byte 0 of a release without a limit, to be added to its count here.
     */
    public record Entry(String entitlementId, String releaseId, String fileId, String format, Instant at, String byteRange,
                        boolean counted, boolean countLater, String userAgent, String ipHash) {

        /** The same request, free inside an open download: logged, not counted. */
        Entry free() {
            return new Entry(entitlementId, releaseId, fileId, format, at, byteRange, false, false, userAgent, ipHash);
        }
    }

    private record Counted(String entitlementId, String fileId) {
    }

    /**
     * What makes two requests the same row: the purchase, file, format and minute, whatever
     * the browser, address or range. The first request's details are the ones kept.
     */
    private record Same(String entitlementId, String releaseId, String fileId, String format, boolean counted, long minute) {
        Same(Entry e) {
            this(e.entitlementId(), e.releaseId(), e.fileId(), e.format(), e.counted(), e.at().getEpochSecond() / 60);
        }
    }

    /** The first of {@code requests} identical requests. */
    private record Row(Entry first, int requests) {
    }

    private final Jdbi jdbi;
    private final DownloadCounter counter;
    private final AddressHash addresses;
    private final Duration keep;
    /** Rows this instance wrote in the current minute, so later batches add to them instead of adding rows. */
    private final Map<Same, String> recentRows = new HashMap<>();
    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Object writing = new Object();
    private final Thread writer;
    private volatile boolean open = true;

    public DownloadLog(Jdbi jdbi, AddressHash addresses) {
        this(jdbi, addresses, Duration.ofDays(90));
    }

    /** {@code keep}: how long statistics rows stay; {@link #PURGE} deletes older ones. */
    public DownloadLog(Jdbi jdbi, AddressHash addresses, Duration keep) {
        this.jdbi = jdbi;
        this.counter = new DownloadCounter(jdbi);
        this.addresses = addresses;
        this.keep = keep;
        this.writer = new Thread(this::run, "gatefold-download-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** The log entry for a request; hashing the address may ask the database, so it comes before any count. */
    Entry entry(Handover handover, RequestPlan plan, Click click, boolean counted, boolean countLater) {
        String agent = click.userAgent();
        DeliveryTarget target = handover.target();
        return new Entry(target.entitlementId(), target.releaseId(), handover.itemId(), handover.format(), click.at(),
                plan.describeRange(),
                counted, countLater, agent == null ? null : agent.substring(0, Math.min(300, agent.length())),
                addresses.of(click.address()));
    }

    /** Queues the entry; when the queue is full (the database is far behind) the caller writes it itself. */
    public void add(Entry entry) {
        if (!open || !queue.offer(entry)) {
            synchronized (writing) {
                write(List.of(entry));
            }
        }
    }

    /** Writes everything queued so far before returning. */
    public void flush() {
        synchronized (writing) {
            List<Entry> batch = new ArrayList<>(Math.min(queue.size(), BATCH));
            while (queue.drainTo(batch, BATCH) > 0) {
                write(batch);
                batch.clear();
            }
        }
    }

    private void run() {
        while (open) {
            try {
                // A pause lets a burst gather, so one statement carries many rows.
                Thread.sleep(PAUSE_MILLIS);
                if (!queue.isEmpty()) {
                    flush();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("could not write download statistics: {}", e.toString());
            }
        }
    }

    /**
     * One transaction inserts the rows; one batch then adds the counts of releases without a
     * limit, falling back to {@link DownloadCounter} for a fan and file counted the first time.
     * Plain JDBC: binding each row through Jdbi cost more than the database's own work.
     */
    private void write(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Map<Counted, Integer> later = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.countLater()) {
                later.merge(new Counted(e.entitlementId(), e.fileId()), 1, Integer::sum);
            }
        }
        List<Counted> missing;
        try {
            missing = jdbi.withHandle(h -> {
                Connection connection = h.getConnection();
                insert(connection, entries);
                return addCounts(connection, later);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not write " + entries.size() + " download log entries", e);
        }
        missing.forEach(key -> counter.addUnlimited(key.entitlementId(), key.fileId(), later.get(key)));
    }

    private void insert(Connection connection, List<Entry> entries) throws SQLException {
        Map<Same, Row> rows = new LinkedHashMap<>();
        for (Entry e : entries) {
            rows.merge(new Same(e), new Row(e, 1), (a, b) -> new Row(a.first(), a.requests() + 1));
        }
        forgetOldRows(entries.get(entries.size() - 1).at().getEpochSecond() / 60);
        Map<Same, String> added = new HashMap<>();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(INSERT);
             PreparedStatement more = connection.prepareStatement(ADD_REQUESTS)) {
            for (Map.Entry<Same, Row> group : rows.entrySet()) {
                String existing = recentRows.get(group.getKey());
                if (existing != null) {
                    more.setInt(1, group.getValue().requests());
                    more.setString(2, existing);
                    more.addBatch();
                } else {
                    String id = Ids.ordered("dl");
                    bind(insert, id, group.getValue());
                    insert.addBatch();
                    added.put(group.getKey(), id);
                }
            }
            insert.executeBatch();
            more.executeBatch();
            connection.commit();
            recentRows.putAll(added);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void bind(PreparedStatement insert, String id, Row row) throws SQLException {
        Entry e = row.first();
        insert.setString(1, id);
        insert.setString(2, e.entitlementId());
        insert.setString(3, e.releaseId());
        insert.setString(4, e.fileId());
        insert.setTimestamp(5, Timestamp.from(e.at()));
        insert.setString(6, e.byteRange());
        insert.setBoolean(7, e.counted());
        insert.setString(8, e.userAgent());
        insert.setString(9, e.ipHash());
        insert.setInt(10, row.requests());
        insert.setString(11, e.format());
    }

    private void forgetOldRows(long minute) {
        recentRows.keySet().removeIf(key -> key.minute() < minute - 1);
    }

    /** Says how this instance runs {@link #PURGE}; it runs where the role runs background work. */
    public void register(Jobs jobs) {
        jobs.register(PURGE, ctx -> {
            int purged = purge(Instant.now().minus(keep));
            if (purged > 0) {
                LOG.info("deleted {} download statistics row(s) older than {} days", purged, keep.toDays());
            }
            return JobResult.done();
        });
    }

    /**
     * Deletes statistics rows older than {@code before} and the address salts of days that
     * have ended, so an address hash can no longer be recomputed once its day is over.
     */
    public int purge(Instant before) {
        flush();
        addresses.forgetEndedDays();
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM download_log WHERE downloaded_at < :before")
                .bind("before", before).execute());
    }

    /** Adds each count to its existing row; returns the fans and files that have no row yet. */
    private static List<Counted> addCounts(Connection connection, Map<Counted, Integer> counts) throws SQLException {
        if (counts.isEmpty()) {
            return List.of();
        }
        List<Counted> keys = new ArrayList<>(counts.keySet());
        try (PreparedStatement update = connection.prepareStatement(ADD_COUNT)) {
            for (Counted key : keys) {
                update.setInt(1, counts.get(key));
                update.setString(2, key.entitlementId());
                update.setString(3, key.fileId());
                update.addBatch();
            }
            int[] updated = update.executeBatch();
            List<Counted> missing = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                if (updated[i] == 0) {
                    missing.add(keys.get(i));
                }
            }
            return missing;
        }
    }

    /** Stops the writer and writes what is left; later entries are written at once by their callers. */
    @Override
    public void close() {
        open = false;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
