package gatefold.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStoreTest extends BlobStoreContract {

    static final byte[] SIGNING_KEY = "a signing key of at least 32 bytes!".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path folder;
    static Path root;
    static PresignedLinkServer links;
    static FileBlobStore store;

    @BeforeAll
    static void startStore() throws IOException {
        root = folder.resolve("store");
        links = new PresignedLinkServer();
        store = new FileBlobStore(root, links.baseUrl(), SIGNING_KEY);
        links.serve(store);
    }

    @AfterAll
    static void stopStore() {
        links.close();
        store.close();
    }

    @Override
    BlobStore store() {
        return store;
    }

    @Test
    void rangesReadIntoDirectBuffersStopExactlyAtTheRangeEnd() throws IOException {
        byte[] bytes = new byte[300_000];
        new java.util.Random(3).nextBytes(bytes);
        BlobKey key = BlobKey.of("direct/read.bin");
        store.put(key, new java.io.ByteArrayInputStream(bytes), bytes.length, null);
        for (ByteRange range : List.of(ByteRange.ALL, ByteRange.of(10, 99_999), ByteRange.from(299_990))) {
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(65_536);
            try (var in = store.get(key, range)) {
                assertThat(in).isInstanceOf(BufferReadable.class);
                while (((BufferReadable) in).read(buffer.clear()) >= 0) {
                    buffer.flip();
                    byte[] chunk = new byte[buffer.remaining()];
                    buffer.get(chunk);
                    got.write(chunk);
                }
            }
            int end = range.isOpenEnded() ? bytes.length : (int) range.last() + 1;
            assertThat(got.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(bytes, (int) range.first(), end));
        }
    }

    @Test
    void nothingIsWrittenOutsideTheRoot() throws IOException {
        for (String name : List.of("x", "a/b/c.flac", "..x", "x..", "...", ".hidden", "a/.b", "~/x", "%2e%2e/x", "a:b")) {
            store.put(BlobKey.of(name), new GeneratedBytes(10, 1), 10, null);
        }
        String id = store.createMultipart(BlobKey.of("..y"), null);
        store.uploadPart(BlobKey.of("..y"), id, 1, new GeneratedBytes(10, 1), 10);

        try (Stream<Path> beside = Files.list(folder)) {
            assertThat(beside).containsExactly(root);
        }
        try (Stream<Path> inside = Files.list(root)) {
            assertThat(inside.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("blobs", "meta", "uploads", "tmp");
        }
        assertThat(Files.isRegularFile(root.resolve("blobs/..x"))).isTrue();
        store.abortMultipart(BlobKey.of("..y"), id);
    }

    @Test
    void failedWritesLeaveNoTemporaryFiles() throws IOException {
        BlobKey key = BlobKey.of("tmp-check/track.flac");
        assertThatThrownBy(() -> store.put(key, new GeneratedBytes(5, 1), 10, null))
                .isInstanceOf(LengthMismatchException.class);
        assertThat(stagedFiles()).isEmpty();
    }

    /** What writers have in tmp/ right now, without the stores' hidden owner files. */
    private static List<String> stagedFiles() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("tmp"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".owner-")).toList();
        }
    }

    @Test
    void leftoversOfAStoreWhoseProcessDiedAreSweptAndThoseOfAWorkingOneAreNot() throws Exception {
        // A second store on the same folder, busy with a write that waits for its last bytes.
        FileBlobStore busy = new FileBlobStore(root, links.baseUrl(), SIGNING_KEY);
        // What a killed process leaves: its owner file, no longer locked by anyone, and a half-written file.
        Path tmp = root.resolve("tmp");
        Files.writeString(tmp.resolve(".owner-00000000deadbeef.lock"), "");
        Files.writeString(tmp.resolve("staged-00000000deadbeef-123456789.tmp"), "half a master");
        Files.writeString(tmp.resolve("staged-00000000feedf00d-987654321.tmp"), "its owner file already swept");
        java.util.concurrent.CountDownLatch halfway = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch finish = new java.util.concurrent.CountDownLatch(1);
        Thread writer = new Thread(() -> busy.put(BlobKey.of("sweep/busy.bin"), new java.io.SequenceInputStream(
                new java.io.ByteArrayInputStream(new byte[1000]), new java.io.InputStream() {
                    private boolean told;

                    @Override
                    public int read() {
                        if (!told) {
                            told = true;
                            halfway.countDown();
                            try {
                                finish.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        return -1;
                    }
                }), 1000, null));
        writer.start();
        assertThat(halfway.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        List<String> writing = stagedFiles().stream().filter(n -> !n.contains("deadbeef") && !n.contains("feedf00d")).toList();
        assertThat(writing).hasSize(1);

        assertThat(store.removeLeftovers()).isEqualTo(2);
        assertThat(stagedFiles()).containsExactlyElementsOf(writing);
        assertThat(tmp.resolve(".owner-00000000deadbeef.lock")).doesNotExist();

        finish.countDown();
        writer.join(10_000);
        assertThat(store.head(BlobKey.of("sweep/busy.bin")).orElseThrow().size()).isEqualTo(1000);
        busy.close();
        assertThat(stagedFiles()).isEmpty();
    }

    @Test
    void aKeyCannotAlsoBeAFolderOfKeys() {
        store.put(BlobKey.of("clash/a"), new GeneratedBytes(1, 1), 1, null);
        assertThatThrownBy(() -> store.put(BlobKey.of("clash/a/b"), new GeneratedBytes(1, 1), 1, null))
                .isInstanceOf(StoreException.class).hasMessageContaining("folder");
        assertThat(store.head(BlobKey.of("clash/a/b"))).isEmpty();
        assertThatThrownBy(() -> store.get(BlobKey.of("clash/a/b"), ByteRange.ALL)).isInstanceOf(NoSuchBlobException.class);
        assertThatThrownBy(() -> store.put(BlobKey.of("clash"), new GeneratedBytes(1, 1), 1, null))
                .isInstanceOf(StoreException.class).hasMessageContaining("folder");
        assertThat(store.head(BlobKey.of("clash"))).isEmpty();
        store.delete(BlobKey.of("clash"));
        assertThat(store.head(BlobKey.of("clash/a"))).isPresent();
    }

    @Test
    void aShortSigningKeyIsRefused() {
        assertThatThrownBy(() -> new FileBlobStore(root, links.baseUrl(), new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void aLinkNamesItsKeyFilenameAndTypeAndExpiry() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        FileBlobStore fixed = new FileBlobStore(root, URI.create("https://shop.example/files/"), SIGNING_KEY,
                Clock.fixed(now, ZoneOffset.UTC));
        PresignedRequest link = fixed.presignGet(BlobKey.of("a b/ü.flac"), Duration.ofMinutes(5), "ü.flac", "audio/flac");

        assertThat(link.url().toString()).startsWith("https://shop.example/files/blobs/a%20b/%C3%BC.flac?expires="
                + now.plusSeconds(300).getEpochSecond() + "&filename=%C3%BC.flac&type=audio%2Fflac&sig=");
        assertThat(link.expiresAt()).isEqualTo(now.plusSeconds(300));

        PresignedAccess access = fixed.verifyPresigned("GET", "a b/ü.flac", query(link), now);
        assertThat(access).isEqualTo(new PresignedAccess(BlobKey.of("a b/ü.flac"), null, 0, -1, "ü.flac", "audio/flac",
                now.plusSeconds(300)));
        assertThat(fixed.verifyPresigned("HEAD", "a b/ü.flac", query(link), now).key()).isEqualTo(access.key());
    }

    @Test
    void anyChangeToALinkBreaksItsSignature() {
        Instant now = Instant.now();
        PresignedRequest link = store.presignGet(BlobKey.of("album.zip"), Duration.ofMinutes(5), "album.zip", "application/zip");
        Map<String, String> query = query(link);

        assertThat(store.verifyPresigned("GET", "album.zip", query, now).downloadFilename()).isEqualTo("album.zip");
        assertThatThrownBy(() -> store.verifyPresigned("GET", "other.zip", query, now))
                .isInstanceOf(InvalidSignatureException.class).hasMessage("invalid signature");
        assertThatThrownBy(() -> store.verifyPresigned("PUT", "album.zip", query, now))
                .isInstanceOf(InvalidSignatureException.class);
        for (String name : List.of("filename", "type", "expires", "sig")) {
            Map<String, String> changed = new HashMap<>(query);
            changed.put(name, changed.get(name) + "1");
            assertThatThrownBy(() -> store.verifyPresigned("GET", "album.zip", changed, now))
                    .as(name).isInstanceOf(InvalidSignatureException.class);
            changed.remove(name);
            if (!name.equals("filename") && !name.equals("type")) {
                assertThatThrownBy(() -> store.verifyPresigned("GET", "album.zip", changed, now))
                        .as(name).isInstanceOf(InvalidSignatureException.class);
            }
        }
        assertThatThrownBy(() -> store.verifyPresigned("GET", "../album.zip", query, now))
                .isInstanceOf(InvalidSignatureException.class);
        FileBlobStore otherKey = new FileBlobStore(root, links.baseUrl(), "another signing key, 32 bytes long".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> otherKey.verifyPresigned("GET", "album.zip", query, now))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void aPartLinkAllowsOnlyThatPartOfThatUpload() {
        Instant now = Instant.now();
        PresignedRequest link = store.presignPart(BlobKey.of("up.flac"), "AAAAAAAAAAAAAAAAAAAAAA", 7, 8_388_608,
                Duration.ofMinutes(5));
        Map<String, String> query = query(link);

        PresignedAccess access = store.verifyPresigned("PUT", "up.flac", query, now);
        assertThat(access.uploadId()).isEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(access.partNumber()).isEqualTo(7);
        assertThat(access.partLength()).isEqualTo(8_388_608);
        assertThat(access.isDownload()).isFalse();
        assertThatThrownBy(() -> store.verifyPresigned("GET", "up.flac", query, now))
                .isInstanceOf(InvalidSignatureException.class);
        Map<String, String> otherPart = new HashMap<>(query);
        otherPart.put("partNumber", "8");
        assertThatThrownBy(() -> store.verifyPresigned("PUT", "up.flac", otherPart, now))
                .isInstanceOf(InvalidSignatureException.class);
        Map<String, String> longer = new HashMap<>(query);
        longer.put("length", "8388609");
        assertThatThrownBy(() -> store.verifyPresigned("PUT", "up.flac", longer, now))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void anExpiredLinkSaysSoOnlyWhenGenuine() {
        PresignedRequest link = store.presignGet(BlobKey.of("late.flac"), Duration.ofSeconds(30), null, null);
        Map<String, String> query = query(link);
        Instant later = link.expiresAt().plusSeconds(1);

        assertThat(store.verifyPresigned("GET", "late.flac", query, link.expiresAt()).key().value()).isEqualTo("late.flac");
        assertThatThrownBy(() -> store.verifyPresigned("GET", "late.flac", query, later))
                .isInstanceOf(ExpiredSignatureException.class).hasMessage("expired");
        Map<String, String> forged = new HashMap<>(query);
        forged.put("expires", Long.toString(later.getEpochSecond() + 3600));
        assertThatThrownBy(() -> store.verifyPresigned("GET", "late.flac", forged, later))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void aStoreWhoseFolderVanishedIsNotReady() throws IOException {
        Path gone = folder.resolve("vanishing");
        FileBlobStore vanishing = new FileBlobStore(gone, links.baseUrl(), SIGNING_KEY);
        vanishing.checkReady();
        try (Stream<Path> files = Files.walk(gone)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThatThrownBy(vanishing::checkReady).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining(gone.toString());
        assertThat(vanishing.describe()).isEqualTo("file:" + gone.toAbsolutePath());
    }

    private static Map<String, String> query(PresignedRequest link) {
        Map<String, String> query = new HashMap<>();
        for (String pair : link.url().getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return query;
    }
}
