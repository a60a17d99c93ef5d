package gatefold.server.moving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * With {@code withDerived} an archive also carries what was made from the masters, so the new
 * store serves it without making it again: a format, a stamped-book base (with its template
 * bytes) and every file of a packaged film, found through its playlists. The rows and files are
 * planted as the media, books and watch features write them (same tables, same key layout), not
 * made by ffmpeg here: what is under test is that they travel whole and are checked like masters.
 */
class DerivedFilesMoveTest {

    @Test
    void derivedFilesTravelWithTheirRowsAndAreCheckedLikeMasters() throws Exception {
        try (TestServer from = TestServer.start(); TestServer to = TestServer.start()) {
            MovingFixture source = new MovingFixture(from, "Derived Band", "derived@example.com");
            Map<String, byte[]> made = plant(from, source);

            byte[] plain = Files.readAllBytes(MovingFixture.download(from, "/api/export", source.artist.token()));
            assertThat(MovingArchives.read(plain).keySet()).noneMatch(e -> e.startsWith("tables/derived_files"));
            byte[] archive = Files.readAllBytes(MovingFixture.download(from, "/api/export?withDerived=true", source.artist.token()));
            Map<String, byte[]> entries = MovingArchives.read(archive);
            assertThat(entries).containsKeys("tables/derived_files.jsonl", "tables/book_stamps.jsonl", "tables/film_streams.jsonl");

            // A flipped byte in a derived file is refused like one in a master, naming the entry.
            String formatEntry = ArchiveLayout.blob(TamperedArchiveTest.sha256(made.get(formatKey(source))));
            Map<String, byte[]> damaged = new LinkedHashMap<>(entries);
            byte[] flipped = damaged.get(formatEntry).clone();
            flipped[7] ^= 1;
            damaged.put(formatEntry, flipped);
            Reply refused = MovingFixture.upload(to, MovingArchives.write(damaged));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.body()).contains(formatEntry).contains("SHA-256");
            assertThat(count(to.gatefold.database().jdbi(), "derived_files")).isZero();

            Reply done = MovingFixture.upload(to, archive);
            assertThat(done.status()).as(done.toString()).isEqualTo(201);
            for (String table : List.of("derived_files", "book_stamps", "film_streams")) {
                assertThat(rows(to.gatefold.database().jdbi(), table)).as(table).isEqualTo(rows(from.gatefold.database().jdbi(), table));
            }
            assertThat(made).allSatisfy((key, bytes) -> assertThat(read(to.gatefold.store(), key)).as(key).isEqualTo(bytes));
        }
    }

    private static String formatKey(MovingFixture source) {
        return "artists/" + source.artist.id() + "/derived/" + "a".repeat(64) + ".mp3";
    }

    /** A format, a stamped base and a two-rendition film, as their features store them. Returns each file's bytes by key. */
    private static Map<String, byte[]> plant(TestServer server, MovingFixture source) {
        Jdbi jdbi = server.gatefold.database().jdbi();
        BlobStore store = server.gatefold.store();
        String artist = source.artist.id();
        String release = source.releaseIds.get(0);
        Map<String, Object> file = jdbi.withHandle(h -> h.createQuery("SELECT id, blob_key FROM release_files WHERE release_id = :r"
                + " ORDER BY position, id").bind("r", release).mapToMap().list().get(0));
        OffsetDateTime now = OffsetDateTime.ofInstant(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
        Map<String, byte[]> made = new LinkedHashMap<>();

        byte[] mp3 = put(store, made, formatKey(source), 5000, 11);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO derived_files (derived_key, artist_id, release_id, file_id, format, blob_key,"
                        + " size, crc32, sha256, created_at) VALUES (:k, :a, :r, :f, 'mp3-320', :b, :size, 0, :sha, :at)")
                .bind("k", "a".repeat(64)).bind("a", artist).bind("r", release).bind("f", file.get("id")).bind("b", formatKey(source))
                .bind("size", mp3.length).bind("sha", TamperedArchiveTest.sha256(mp3)).bind("at", now).execute());

        String base = "artists/" + artist + "/stamped/" + file.get("id") + "-base_1.pdf";
        put(store, made, base, 3000, 12);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO book_stamps (file_id, blob_key, release_id, state, template, base_key,"
                        + " copy_length, prepared_at) VALUES (:f, :b, :r, 'ready', :t, :base, 2990, :at)")
                .bind("f", file.get("id")).bind("b", file.get("blob_key")).bind("r", release)
                .bind("t", new byte[] {0, 1, 2, (byte) 0xff, 10}).bind("base", base).bind("at", now).execute());

        String prefix = "artists/" + artist + "/derived/films/" + "b".repeat(64);
        text(store, made, prefix + "/master.m3u8", "#EXTM3U\n#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"s\",NAME=\"English\",URI=\"subtitles/en.m3u8\"\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=800000\n360p/playlist.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=2000000\n720p/playlist.m3u8\n");
        for (String rung : List.of("360p", "720p")) {
            text(store, made, prefix + "/" + rung + "/playlist.m3u8", "#EXTM3U\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:6.0,\nseg_00000.m4s\n"
                    + "#EXTINF:6.0,\nseg_00001.m4s\n#EXT-X-ENDLIST\n");
            put(store, made, prefix + "/" + rung + "/init.mp4", 700, rung.length() + 20);
            put(store, made, prefix + "/" + rung + "/seg_00000.m4s", 4000, rung.hashCode());
            put(store, made, prefix + "/" + rung + "/seg_00001.m4s", 4000, rung.hashCode() + 1);
        }
        text(store, made, prefix + "/subtitles/en.m3u8", "#EXTM3U\n#EXTINF:12.0,\nen.vtt\n#EXT-X-ENDLIST\n");
        text(store, made, prefix + "/subtitles/en.vtt", "WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n");
        put(store, made, prefix + "/trailer.mp4", 2500, 31);
        put(store, made, prefix + "/progressive/film.mp4", 6000, 32);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO film_streams (stream_key, artist_id, release_id, file_id, prefix, renditions,"
                        + " trailer, bytes, created_at) VALUES (:k, :a, :r, :f, :p, '360p,720p', TRUE, 1, :at)")
                .bind("k", "b".repeat(64)).bind("a", artist).bind("r", release).bind("f", file.get("id")).bind("p", prefix)
                .bind("at", now).execute());
        return made;
    }

    private static byte[] put(BlobStore store, Map<String, byte[]> made, String key, int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        store.put(BlobKey.of(key), new ByteArrayInputStream(bytes), bytes.length, "application/octet-stream");
        made.put(key, bytes);
        return bytes;
    }

    private static void text(BlobStore store, Map<String, byte[]> made, String key, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        store.put(BlobKey.of(key), new ByteArrayInputStream(bytes), bytes.length, "application/vnd.apple.mpegurl");
        made.put(key, bytes);
    }

    private static byte[] read(BlobStore store, String key) {
        try (InputStream in = store.get(BlobKey.of(key), ByteRange.ALL)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long count(Jdbi jdbi, String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    private static JsonNode rows(Jdbi jdbi, String table) {
        List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery("SELECT * FROM " + table + " ORDER BY 1, 2").mapToMap().list());
        rows.forEach(row -> row.replaceAll((k, v) -> v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b)
                : v instanceof java.time.temporal.Temporal || v instanceof java.sql.Timestamp ? String.valueOf(v).substring(0, 10) : v));
        return ApiClient.JSON.valueToTree(rows);
    }
}
