package gatefold.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The download statistics are written in batches off the fan's request, and none are lost on the way. */
class DownloadLogTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();
    static Jdbi jdbi;

    @BeforeAll
    static void start() {
        jdbi = server.gatefold.database().jdbi();
    }

    static DownloadLog newLog() {
        return new DownloadLog(jdbi, new AddressHash(new gatefold.server.security.InstanceSettings(jdbi)));
    }

    static DownloadLog.Entry entry(String release, int n) {
        return new DownloadLog.Entry("ent_" + n, release, "fil_" + (n % 3), "original", Instant.now(), n % 2 == 0 ? null : "0-99",
                n % 2 == 0, false, "agent " + n, "hash" + n);
    }

    static int rows(String release) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM download_log WHERE release_id = :r")
                .bind("r", release).mapTo(Integer.class).one());
    }

    @Test
    void manyRequestsAtOnceAllLandAndAFlushWritesWhatIsWaiting() throws Exception {
        try (DownloadLog log = newLog()) {
            List<CompletableFuture<Void>> fans = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                fans.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 500; i++) {
                        log.add(entry("rel_burst", thread * 1000 + i));
                    }
                }));
            }
            fans.forEach(CompletableFuture::join);
            log.flush();
            assertThat(rows("rel_burst")).isEqualTo(4000);
            int counted = jdbi.withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM download_log WHERE release_id = 'rel_burst' AND counted = TRUE").mapTo(Integer.class).one());
            assertThat(counted).isEqualTo(2000);
        }
    }

    @Test
    void theWriterEmptiesTheQueueOnItsOwnAndClosingWritesTheRest() throws Exception {
        DownloadLog log = newLog();
        log.add(entry("rel_quiet", 1));
        for (long until = System.nanoTime() + 5_000_000_000L; rows("rel_quiet") == 0 && System.nanoTime() < until; ) {
            Thread.sleep(50);
        }
        assertThat(rows("rel_quiet")).isEqualTo(1);
        for (int i = 2; i <= 10; i++) {
            log.add(entry("rel_quiet", i));
        }
        log.close();
        assertThat(rows("rel_quiet")).isEqualTo(10);
        // After closing, an entry is written at once by whoever adds it.
        log.add(entry("rel_quiet", 11));
        assertThat(rows("rel_quiet")).isEqualTo(11);
    }

    @Test
    void downloadsOfReleasesWithoutALimitAreCountedWithTheirBatch() {
        gatefold.server.ApiClient api = new gatefold.server.ApiClient(server);
        String token = api.newArtist("Counted", "counted@example.com").token();
        String release = api.newRelease(token, java.util.Map.of("title", "Free EP", "kind", "other", "pricing", "free"));
        String purchase = api.post("/api/releases/" + release + "/purchases", token, java.util.Map.of("email", "fan@example.com"))
                .text("id");
        String entitlement = jdbi.withHandle(h -> h.createQuery("SELECT entitlement_id FROM purchases WHERE id = :id")
                .bind("id", purchase).mapTo(String.class).one());
        DownloadCounter counter = new DownloadCounter(jdbi);
        try (DownloadLog log = newLog()) {
            for (int i = 0; i < 5; i++) {
                log.add(new DownloadLog.Entry(entitlement, release, "fil_a", "original", Instant.now(), null, true, true, null, null));
            }
            log.add(new DownloadLog.Entry(entitlement, release, "fil_a", "original", Instant.now(), "100-", false, false, null, null));
            log.add(new DownloadLog.Entry(entitlement, release, "fil_b", "original", Instant.now(), null, true, true, null, null));
            log.flush();
            assertThat(counter.downloads(entitlement, "fil_a")).isEqualTo(5);
            assertThat(counter.downloads(entitlement, "fil_b")).isEqualTo(1);
            log.add(new DownloadLog.Entry(entitlement, release, "fil_a", "original", Instant.now(), null, true, true, null, null));
            log.flush();
            assertThat(counter.downloads(entitlement, "fil_a")).isEqualTo(6);
        }
    }

    @Test
    void requestsForOneFileWithinAMinuteBecomeOneRowWithTheirNumberHoweverTheyAreSpelled() {
        try (DownloadLog log = newLog()) {
            Instant first = Instant.parse("2026-11-28T10:00:00Z");
            for (int i = 0; i < 3_000; i++) {
                log.add(new DownloadLog.Entry("ent_hammer", "rel_hammer", "fil_a", "original", first.plusMillis(i), null, true, false,
                        "script/1.0", "hash-a"));
            }
            // Another browser or address is the same row: a script cannot make rows by changing its User-Agent.
            log.add(new DownloadLog.Entry("ent_hammer", "rel_hammer", "fil_a", "original", first, null, true, false, "browser", "hash-a"));
            log.add(new DownloadLog.Entry("ent_hammer", "rel_hammer", "fil_a", "original", first, null, true, false, "x", "hash-b"));
            log.flush();
            // A later batch in the same minute adds to the row too.
            log.add(new DownloadLog.Entry("ent_hammer", "rel_hammer", "fil_a", "original", first.plusSeconds(30), "10-", true, false,
                    "another", "hash-c"));
            log.flush();
            // Another file, a free resume, or another minute is another row.
            log.add(new DownloadLog.Entry("ent_hammer", "rel_hammer", "fil_a", "original", first, "10-", false, false, "x", "hash-a"));
            log.add(new DownloadLog.Entry("ent_hammer", "rel_hammer", "fil_b", "original", first, null, true, false, "x", "hash-a"));
            log.add(new DownloadLog.Entry("ent_hammer", "rel_hammer", "fil_a", "original", first.plusSeconds(61), null, true, false,
                    "x", "hash-a"));
            log.flush();
            assertThat(rows("rel_hammer")).isEqualTo(4);
            var hammered = jdbi.withHandle(h -> h.createQuery("""
                    SELECT requests, downloaded_at, user_agent FROM download_log
                    WHERE release_id = 'rel_hammer' AND file_id = 'fil_a' AND counted = TRUE ORDER BY downloaded_at""")
                    .mapToMap().list().get(0));
            assertThat(((Number) hammered.get("requests")).intValue()).isEqualTo(3_003);
            // The row keeps the first request's moment and details.
            assertThat(((java.time.OffsetDateTime) hammered.get("downloaded_at")).toInstant()).isEqualTo(first);
            assertThat(hammered.get("user_agent")).isEqualTo("script/1.0");
            var perFile = jdbi.onDemand(DeliveryDao.class).countsPerFile("rel_hammer");
            assertThat(perFile).containsExactly(new DownloadStats.FileCount("fil_a", 3_004), new DownloadStats.FileCount("fil_b", 1));
        }
    }

    @Test
    void oldStatisticsAndEndedDaysAddressSaltsArePurged() {
        var settings = new gatefold.server.security.InstanceSettings(jdbi);
        settings.put("ip_salt_2020-01-01", "old");
        try (DownloadLog log = newLog()) {
            Instant now = Instant.now();
            log.add(new DownloadLog.Entry("ent_old", "rel_purge", "fil_a", "original", now.minus(java.time.Duration.ofDays(100)), null,
                    true, false, "x", "h"));
            log.add(new DownloadLog.Entry("ent_new", "rel_purge", "fil_a", "original", now, null, true, false, "x", "h"));
            new AddressHash(settings).of("127.0.0.1");
            assertThat(log.purge(now.minus(java.time.Duration.ofDays(90)))).isEqualTo(1);
            assertThat(rows("rel_purge")).isEqualTo(1);
        }
        assertThat(settings.get("ip_salt_2020-01-01")).isEmpty();
        assertThat(settings.get("ip_salt_" + java.time.LocalDate.now(java.time.ZoneOffset.UTC))).isPresent();
    }

    @Test
    void whenTheQueueIsFullTheRequestWritesItsOwnEntry() {
        try (DownloadLog log = newLog()) {
            for (int i = 0; i < DownloadLog.CAPACITY + 10; i++) {
                log.add(entry("rel_full", i));
            }
            log.flush();
            assertThat(rows("rel_full")).isEqualTo(DownloadLog.CAPACITY + 10);
        }
    }
}
