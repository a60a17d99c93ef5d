package gatefold.server.moving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Damaged and hostile archives are refused with the problem named, and leave the receiving store
 * exactly as it was: no row, no file. The same archive undamaged then imports, which shows that
 * nothing of the failed attempts stood in its way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TamperedArchiveTest {

    private static TestServer from;
    private static TestServer to;
    private static MovingFixture source;
    private static byte[] archive;
    private static ApiClient.NewArtist resident;
    private static String residentRelease;

    @BeforeAll
    static void export() throws IOException {
        from = TestServer.start();
        to = TestServer.start();
        source = new MovingFixture(from, "Tampered Band", "tampered@example.com");
        archive = Files.readAllBytes(MovingFixture.download(from, "/api/export", source.artist.token()));
        ApiClient api = new ApiClient(to);
        resident = api.newArtist("Resident", "resident@example.com");
        residentRelease = api.newRelease(resident.token(), Map.of("title", "Home", "kind", "other", "pricing", "free"));
    }

    @AfterAll
    static void stop() {
        to.close();
        from.close();
    }

    @Test
    void aFlippedByteInAFileIsRefusedByItsHash() throws IOException {
        byte[] damaged = archive.clone();
        byte[] side = source.files.get("side-a.bin");
        int at = indexOf(damaged, Arrays.copyOf(side, 64)) + 100_000;
        damaged[at] ^= 0x01;
        refused(damaged, "does not match its SHA-256");
    }

    @Test
    void aTruncatedArchiveIsRefused() throws IOException {
        byte[] side = source.files.get("side-a.bin");
        refused(Arrays.copyOf(archive, indexOf(archive, Arrays.copyOf(side, 64)) + 1_000_000), "truncated");
        refused(Arrays.copyOf(archive, archive.length - 4000), "truncated");
    }

    @Test
    void anEntryThatClimbsOutOfTheFolderIsRefusedByName() throws IOException {
        Map<String, byte[]> entries = MovingArchives.read(archive);
        Map<String, byte[]> hostile = new LinkedHashMap<>();
        hostile.put(ArchiveLayout.MANIFEST, entries.get(ArchiveLayout.MANIFEST));
        hostile.put("../../x", "owned".getBytes(StandardCharsets.UTF_8));
        entries.forEach(hostile::putIfAbsent);
        refused(MovingArchives.write(hostile), "\"../../x\"");
        hostile.remove("../../x");
        hostile.put("/etc/cron.d/x", new byte[1]);
        refused(MovingArchives.write(hostile), "/etc/cron.d/x");
    }

    @Test
    void aFileKeyInAnotherArtistsFolderIsRefused() throws IOException {
        refused(withManifest(m -> ((ObjectNode) m.path("blobs").get(0)).putArray("keys")
                .add("artists/" + resident.id() + "/releases/" + residentRelease + "/blob_overwritten")), "outside its own artists' folders");
        refused(withManifest(m -> ((ObjectNode) m.path("blobs").get(0)).putArray("keys").add("../../etc/passwd")),
                "outside its own artists' folders");
    }

    @Test
    void aNewerFormatVersionIsRefused() throws IOException {
        refused(withManifest(m -> ((ObjectNode) m).put("version", 2)), "format version 2");
    }

    @Test
    void aRowThatGrantsAnotherArtistsReleaseIsRefused() throws IOException {
        Map<String, byte[]> entries = MovingArchives.read(archive);
        String entitlements = new String(entries.get("tables/entitlements.jsonl"), StandardCharsets.UTF_8);
        String stolen = entitlements.lines().findFirst().orElseThrow()
                .replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"ent_stolen\"")
                .replaceFirst("\"release_id\":\"[^\"]+\"", "\"release_id\":\"" + residentRelease + "\"");
        entries.put("tables/entitlements.jsonl", (entitlements + stolen + "\n").getBytes(StandardCharsets.UTF_8));
        refused(MovingArchives.write(MovingArchives.rehashed(entries)), "belong to no artist of the archive");
    }

    @Test
    void aFileRowThatClaimsOtherBytesThanItCarriesIsRefused() throws IOException {
        // Claiming another master's hash would let derived files keyed by it be planted under that master.
        Map<String, byte[]> entries = MovingArchives.read(archive);
        String files = new String(entries.get("tables/release_files.jsonl"), StandardCharsets.UTF_8);
        String claimed = files.replaceFirst("\"sha256\":\"[0-9a-f]{64}\"", "\"sha256\":\"" + "ab".repeat(32) + "\"");
        assertThat(claimed).isNotEqualTo(files);
        entries.put("tables/release_files.jsonl", claimed.getBytes(StandardCharsets.UTF_8));
        refused(MovingArchives.write(MovingArchives.rehashed(entries)), "but the archive's file for it has");
    }

    @Test
    void aZipBombIsNotUnpacked() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("manifest.json"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertThat(zip.size()).isLessThan(1 << 20);
        refused(zip.toByteArray(), "not a Gatefold archive");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void theUndamagedArchiveThenImportsOnceAndOnlyOnce() {
        Reply done = MovingFixture.upload(to, archive);
        assertThat(done.status()).as(done.toString()).isEqualTo(201);
        assertThat(artistRows()).isEqualTo(2);
        Reply again = MovingFixture.upload(to, archive);
        assertThat(again.status()).isEqualTo(409);
        assertThat(artistRows()).isEqualTo(2);
    }

    private static byte[] withManifest(Consumer<com.fasterxml.jackson.databind.JsonNode> change) throws IOException {
        Map<String, byte[]> entries = MovingArchives.read(archive);
        var manifest = ApiClient.JSON.readTree(entries.get(ArchiveLayout.MANIFEST));
        change.accept(manifest);
        entries.put(ArchiveLayout.MANIFEST, ApiClient.JSON.writeValueAsBytes(manifest));
        return MovingArchives.write(entries);
    }

    private static void refused(byte[] bad, String why) throws IOException {
        Reply reply = MovingFixture.upload(to, bad);
        assertThat(reply.status()).as(reply.toString()).isBetween(400, 499);
        assertThat(reply.json().path("message").asText()).as(reply.toString()).contains(why);
        assertThat(artistRows()).isEqualTo(1);
        assertThat(rows("SELECT COUNT(*) FROM entitlements")).isZero();
        try (Stream<Path> files = Files.walk(to.dataDir.resolve("store"))) {
            assertThat(files.filter(Files::isRegularFile).map(Path::toString))
                    .noneMatch(p -> p.contains(source.artist.id()));
        }
        try (Stream<Path> left = Files.walk(to.dataDir.resolve("tmp").resolve("moving"))) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
    }

    private static long artistRows() {
        return rows("SELECT COUNT(*) FROM artists");
    }

    private static long rows(String sql) {
        return to.gatefold.database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ByteArrayInputStream in(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
