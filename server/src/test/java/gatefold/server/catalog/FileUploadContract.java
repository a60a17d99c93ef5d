package gatefold.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Files and resumable uploads, held to the same behaviour on the local store and on S3:
 * what the artist sees over HTTP, and what is (or is not) left in the store.
 */
abstract class FileUploadContract {

    static TestServer server;
    static ApiClient api;
    static int counter;
    String token;
    String album;

    /** How many blobs and unfinished multipart uploads the store holds right now. */
    abstract int storedObjects();

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void newArtistAndAlbum() {
        counter++;
        token = api.newArtist("Uploader " + counter, "uploader" + counter + "@example.com").token();
        album = api.newRelease(token, Map.of("title", "Album " + counter, "kind", "music", "pricing", "fixed", "price", "7.00"));
    }

    static byte[] flac(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        System.arraycopy("fLaC".getBytes(), 0, bytes, 0, Math.min(4, size));
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    Reply putFile(String release, String name, byte[] bytes) {
        return api.put("/api/releases/" + release + "/files/" + ApiClient.enc(name), token, HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    @Test
    void aPutStreamsIntoTheStoreWithSizeHashAndTheSniffedType() throws Exception {
        byte[] bytes = flac(300_000, 1);
        Reply reply = api.exchange(HttpRequest.newBuilder(URI.create(server.url("/api/releases/" + album + "/files/"
                        + ApiClient.enc("01 Ünïcode Song.flac"))))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.text("name")).isEqualTo("01 Ünïcode Song.flac");
        assertThat(reply.json().path("size").asLong()).isEqualTo(bytes.length);
        assertThat(reply.text("sha256")).isEqualTo(sha256(bytes));
        assertThat(reply.text("contentType")).isEqualTo("audio/flac");
        assertThat(reply.text("role")).isEqualTo("track");
        assertThat(reply.json().path("verified").asBoolean()).isTrue();
        assertThat(api.get("/api/releases/" + album, token).json().path("files")).hasSize(1);
    }

    @Test
    void aChunkedPutOfUnknownLengthWorks() throws Exception {
        byte[] bytes = flac(9 * 1024 * 1024 + 17, 2);
        Reply reply = api.put("/api/releases/" + album + "/files/chunked.flac", token,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().path("size").asLong()).isEqualTo(bytes.length);
        assertThat(reply.text("sha256")).isEqualTo(sha256(bytes));
    }

    @Test
    void aFileOfTheWrongTypeIsRefusedAndLeavesNothing() {
        int before = storedObjects();
        byte[] notAudio = "#!/bin/sh\necho surprise\n".repeat(100).getBytes();
        Reply reply = putFile(album, "track.flac", notAudio);
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.text("message")).contains("audio/flac");
        byte[] pdf = ("%PDF-1.7\n" + "x".repeat(500)).getBytes();
        assertThat(putFile(album, "booklet.pdf", pdf).status()).isEqualTo(201);
        assertThat(api.get("/api/releases/" + album, token).json().path("files").get(0).path("role").asText()).isEqualTo("extra");
        assertThat(storedObjects()).isEqualTo(before + 1);
    }

    @Test
    void badNamesAndBodiesThatDoNotMatchTheirLengthLeaveNothing() throws Exception {
        int before = storedObjects();
        for (String name : new String[] {"..", ".", " leading.flac", "tab\there.flac", "x".repeat(300) + ".flac"}) {
            Reply reply = putFile(album, name, flac(1000, 3));
            assertThat(reply.status()).as(name).isBetween(400, 422);
        }
        // A client that promises more bytes than it sends, then hangs up.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.gatefold.port())) {
            String head = "PUT /api/releases/" + album + "/files/short.flac HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Length: 100000\r\n\r\n";
            socket.getOutputStream().write(head.getBytes());
            socket.getOutputStream().write(flac(5000, 4));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            socket.setSoTimeout(10_000);
            String answer = new String(socket.getInputStream().readAllBytes());
            assertThat(answer.isEmpty() || answer.startsWith("HTTP/1.1 400")).as(answer).isTrue();
        } catch (java.net.SocketException closed) {
            // The server may reset the connection; either way nothing may be stored.
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(storedObjects()).isEqualTo(before));
        assertThat(api.get("/api/releases/" + album, token).json().path("files")).isEmpty();
    }

    @Test
    void aStorageQuotaStopsUploadsThatWouldPassIt() throws Exception {
        String artistId = api.get("/api/me", token).text("id");
        assertThat(api.patch("/api/artists/" + artistId, api.adminToken(), Map.of("storageQuotaBytes", 1_000_000)).status())
                .isEqualTo(200);
        assertThat(putFile(album, "fits.flac", flac(600_000, 5)).status()).isEqualTo(201);
        int before = storedObjects();
        // A careful client asks first (Expect: 100-continue), so the refusal arrives before the body is sent.
        Reply declared = api.exchange(HttpRequest.newBuilder(URI.create(server.url("/api/releases/" + album + "/files/too-much.flac")))
                .header("Authorization", "Bearer " + token).expectContinue(true)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(flac(600_000, 6))));
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.text("error")).isEqualTo("quota_exceeded");
        byte[] bytes = flac(600_000, 7);
        Reply chunked = api.put("/api/releases/" + album + "/files/chunked-too-much.flac", token,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(storedObjects()).isEqualTo(before);
        assertThat(api.post("/api/releases/" + album + "/uploads", token,
                Map.of("name", "big.flac", "size", 2_000_000, "contentType", "audio/flac")).status()).isEqualTo(413);
    }

    @Test
    void filesAreRenamedReorderedReplacedAndDeletedWithoutOrphans() throws Exception {
        String a = putFile(album, "a.flac", flac(10_000, 8)).text("id");
        String b = putFile(album, "b.flac", flac(10_000, 9)).text("id");
        int withTwo = storedObjects();

        Reply renamed = api.patch("/api/releases/" + album + "/files/" + a, token, Map.of("name", "01 Opening.flac"));
        assertThat(renamed.text("name")).isEqualTo("01 Opening.flac");
        assertThat(api.patch("/api/releases/" + album + "/files/" + a, token, Map.of("name", "b.flac")).status()).isEqualTo(409);

        Reply reordered = api.patch("/api/releases/" + album, token, Map.of("trackOrder", List.of(b, a)));
        assertThat(reordered.status()).isEqualTo(200);
        assertThat(reordered.json().path("trackOrder").get(0).asText()).isEqualTo(b);
        assertThat(api.patch("/api/releases/" + album, token, Map.of("trackOrder", List.of(b))).status()).isEqualTo(422);

        byte[] better = flac(20_000, 10);
        Reply replaced = putFile(album, "b.flac", better);
        assertThat(replaced.status()).isEqualTo(201);
        assertThat(replaced.text("id")).isEqualTo(b);
        assertThat(replaced.text("sha256")).isEqualTo(sha256(better));
        assertThat(storedObjects()).isEqualTo(withTwo);

        assertThat(api.delete("/api/releases/" + album + "/files/" + a, token).status()).isEqualTo(204);
        assertThat(storedObjects()).isEqualTo(withTwo - 1);
        assertThat(api.delete("/api/releases/" + album, token).status()).isEqualTo(204);
        assertThat(storedObjects()).isEqualTo(withTwo - 2);
    }

    // ---- resumable uploads

    record Part(int n, String etag) {
    }

    Part sendPart(String uploadId, int n, byte[] bytes) {
        Reply where = api.post("/api/uploads/" + uploadId + "/parts/" + n, token, null);
        assertThat(where.status()).as(where.toString()).isEqualTo(200);
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(where.text("url")))
                .method(where.text("method"), HttpRequest.BodyPublishers.ofByteArray(bytes));
        where.json().path("headers").fields().forEachRemaining(h -> {
            if (!h.getKey().equalsIgnoreCase("host") && !h.getKey().equalsIgnoreCase("content-length")) {
                put.header(h.getKey(), h.getValue().asText());
            }
        });
        Reply sent = api.exchange(put);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        return new Part(n, sent.raw().headers().firstValue("ETag").orElseThrow().replace("\"", ""));
    }

    static byte[] slice(byte[] all, long partSize, int n) {
        int from = (int) (partSize * (n - 1));
        int to = (int) Math.min(all.length, partSize * n);
        return java.util.Arrays.copyOfRange(all, from, to);
    }

    Reply complete(String uploadId, List<Part> parts) {
        List<Map<String, Object>> body = new ArrayList<>();
        parts.forEach(p -> body.add(Map.of("n", p.n(), "etag", p.etag())));
        return api.post("/api/uploads/" + uploadId + "/complete", token, Map.of("parts", body));
    }

    @Test
    void aResumableUploadSurvivesAClientThatStopsHalfwayAndStartsAgain() throws Exception {
        byte[] bytes = flac(8 * 1024 * 1024 * 2 + 12345, 11);
        Reply started = api.post("/api/releases/" + album + "/uploads", token,
                Map.of("name", "02 Long Song.flac", "size", bytes.length, "contentType", "audio/flac"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String uploadId = started.text("uploadId");
        long partSize = started.json().path("partSize").asLong();
        assertThat(partSize).isEqualTo(8L * 1024 * 1024);
        assertThat(started.json().path("partCount").asInt()).isEqualTo(3);

        // The first session sends part 3, then part 1, and the laptop closes.
        sendPart(uploadId, 3, slice(bytes, partSize, 3));
        sendPart(uploadId, 1, slice(bytes, partSize, 1));

        // A new session asks what arrived and sends only the rest.
        Reply status = api.get("/api/uploads/" + uploadId, token);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("missing").toString()).isEqualTo("[2]");
        List<Part> parts = new ArrayList<>();
        for (JsonNode p : status.json().path("parts")) {
            parts.add(new Part(p.path("n").asInt(), p.path("etag").asText()));
        }
        parts.add(sendPart(uploadId, 2, slice(bytes, partSize, 2)));
        parts.sort(java.util.Comparator.comparingInt(Part::n));

        Reply done = complete(uploadId, parts);
        assertThat(done.status()).as(done.toString()).isEqualTo(201);
        assertThat(done.json().path("size").asLong()).isEqualTo(bytes.length);
        assertThat(done.text("contentType")).isEqualTo("audio/flac");
        String fileId = done.text("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Reply file = api.get("/api/releases/" + album + "/files/" + fileId, token);
            assertThat(file.json().path("verified").asBoolean()).isTrue();
            assertThat(file.text("sha256")).isEqualTo(sha256(bytes));
        });
        assertThat(api.get("/api/uploads/" + uploadId, token).status()).isEqualTo(404);
        // A client whose answer was lost asks again and gets the same file, not a 404; nobody else does.
        Reply again = complete(uploadId, parts);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.text("id")).isEqualTo(fileId);
        assertThat(again.json().path("size").asLong()).isEqualTo(bytes.length);
        String stranger = api.newArtist("Stranger", "stranger-" + System.nanoTime() + "@example.com").token();
        assertThat(api.post("/api/uploads/" + uploadId + "/complete", stranger, Map.of("parts", List.of())).status())
                .isEqualTo(404);
        assertThat(api.get("/api/releases/" + album, token).json().path("files")).hasSize(1);
    }

    @Test
    void completeChecksEveryPartAndTheTotal() {
        byte[] bytes = flac(8 * 1024 * 1024 + 100, 12);
        String uploadId = api.post("/api/releases/" + album + "/uploads", token,
                Map.of("name", "03 Checked.flac", "size", bytes.length, "contentType", "audio/flac")).text("uploadId");
        Part first = sendPart(uploadId, 1, slice(bytes, 8 * 1024 * 1024, 1));

        assertThat(complete(uploadId, List.of(first)).status()).isEqualTo(422);
        assertThat(complete(uploadId, List.of(first, new Part(2, "0123456789abcdef0123456789abcdef"))).status()).isEqualTo(422);
        assertThat(api.post("/api/uploads/" + uploadId + "/parts/3", token, null).status()).isEqualTo(422);
        assertThat(api.post("/api/uploads/" + uploadId + "/parts/0", token, null).status()).isEqualTo(422);
        assertThat(api.post("/api/uploads/" + uploadId + "/parts/abc", token, null).status()).isEqualTo(422);
        assertThat(api.post("/api/uploads/" + uploadId + "/complete", token, "{\"parts\": \"all\"}").status()).isEqualTo(422);

        // A last part of the wrong size never gets in: its URL takes exactly that part's size.
        Reply where = api.post("/api/uploads/" + uploadId + "/parts/2", token, null);
        Reply shortLast = api.exchange(HttpRequest.newBuilder(URI.create(where.text("url")))
                .method(where.text("method"), HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})));
        assertThat(shortLast.status()).isBetween(400, 499);
        Reply wrongSize = complete(uploadId, List.of(first, new Part(2, "0123456789abcdef0123456789abcdef")));
        assertThat(wrongSize.status()).isEqualTo(422);
        assertThat(wrongSize.text("message")).contains("Part 2");

        Part last = sendPart(uploadId, 2, slice(bytes, 8 * 1024 * 1024, 2));
        Reply swapped = complete(uploadId, List.of(last, first));
        assertThat(swapped.status()).isEqualTo(422);
        assertThat(complete(uploadId, List.of(first, last)).status()).isEqualTo(201);
        assertThat(api.get("/api/releases/" + album, token).json().path("files")).hasSize(1);
    }

    @Test
    void uploadsThatStartWithTheWrongTypeOrSizeAreRefused() {
        assertThat(api.post("/api/releases/" + album + "/uploads", token,
                Map.of("name", "film.mp4", "size", 100, "contentType", "video/mp4")).status()).isEqualTo(415);
        assertThat(api.post("/api/releases/" + album + "/uploads", token,
                Map.of("name", "x.flac", "size", -5, "contentType", "audio/flac")).status()).isEqualTo(422);
        assertThat(api.post("/api/releases/" + album + "/uploads", token,
                Map.of("name", "x.flac", "size", 70L << 30, "contentType", "audio/flac")).status()).isEqualTo(413);
        assertThat(api.post("/api/releases/" + album + "/uploads", token,
                Map.of("name", "x.flac", "size", "big", "contentType", "audio/flac")).status()).isEqualTo(422);
    }

    @Test
    void bytesThatTurnOutNotToBeAudioAreRefusedAtCompleteAndRemoved() {
        int before = storedObjects();
        byte[] bytes = ("%PDF-1.4 pretending to be audio " + "x".repeat(2000)).getBytes();
        String uploadId = api.post("/api/releases/" + album + "/uploads", token,
                Map.of("name", "sneaky.flac", "size", bytes.length, "contentType", "audio/flac", "role", "track")).text("uploadId");
        Part part = sendPart(uploadId, 1, bytes);
        assertThat(complete(uploadId, List.of(part)).status()).isEqualTo(415);
        assertThat(storedObjects()).isEqualTo(before);
        assertThat(api.get("/api/releases/" + album, token).json().path("files")).isEmpty();
    }

    @Test
    void theJanitorAbortsUploadsAbandonedForADayAndLeavesNothing() {
        int before = storedObjects();
        byte[] bytes = flac(8 * 1024 * 1024 + 10, 13);
        String uploadId = api.post("/api/releases/" + album + "/uploads", token,
                Map.of("name", "abandoned.flac", "size", bytes.length, "contentType", "audio/flac")).text("uploadId");
        sendPart(uploadId, 1, slice(bytes, 8 * 1024 * 1024, 1));
        assertThat(storedObjects()).isGreaterThan(before);

        UploadJanitor janitor = server.gatefold.jobs().janitor();
        assertThat(janitor.runOnce(Instant.now())).isZero();
        assertThat(janitor.runOnce(Instant.now().plus(Duration.ofHours(25)))).isGreaterThanOrEqualTo(1);
        assertThat(storedObjects()).isEqualTo(before);
        assertThat(api.get("/api/uploads/" + uploadId, token).status()).isEqualTo(404);
    }

    static InputStream nothing() {
        return InputStream.nullInputStream();
    }
}
