package gatefold.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stream-mode delivery, byte for byte, held to the same HTTP semantics on every store. */
abstract class DeliveryContract {

    static TestServer server;
    static ApiClient api;
    static int counter;
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    byte[] bytes;
    String link;
    String token;
    String release;

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void aFanBoughtAnAlbum() {
        counter++;
        token = api.newArtist("Delivery " + counter, "delivery" + counter + "@example.com").token();
        release = api.newRelease(token, Map.of("title", "Album", "kind", "other", "pricing", "fixed", "price", "7.00"));
        bytes = new byte[3 * 1024 * 1024 + 123];
        new Random(counter).nextBytes(bytes);
        assertThat(api.put("/api/releases/" + release + "/files/" + ApiClient.enc("Björk – Hidden Place.bin"), token,
                HttpRequest.BodyPublishers.ofByteArray(bytes)).status()).isEqualTo(201);
        Reply purchase = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "fan@example.com"));
        assertThat(purchase.status()).isEqualTo(201);
        link = purchase.json().path("downloads").get(0).path("url").asText();
    }

    static HttpResponse<byte[]> fetch(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    byte[] slice(long first, long last) {
        return Arrays.copyOfRange(bytes, (int) first, (int) last + 1);
    }

    @Test
    void thePurchaseHoldsOneShortLinkPerFile() {
        Reply purchase = api.get("/api/purchases?release=" + release, token);
        assertThat(purchase.json()).hasSize(1);
        JsonNode download = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "other@example.com"))
                .json().path("downloads").get(0);
        assertThat(download.path("name").asText()).isEqualTo("Björk – Hidden Place.bin");
        assertThat(download.path("format").asText()).isEqualTo("original");
        assertThat(download.path("size").asLong()).isEqualTo(bytes.length);
        assertThat(URI.create(link).getRawPath().length()).isLessThan(300);
    }

    @Test
    void aWholeDownloadIsByteExactWithTheRightHeaders() throws Exception {
        HttpResponse<byte[]> res = fetch(link);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo(bytes);
        assertThat(res.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(res.headers().firstValue("ETag")).hasValueSatisfying(e -> assertThat(e).startsWith("\"").endsWith("\""));
        assertThat(res.headers().firstValue("Last-Modified")).isPresent();
        assertThat(res.headers().firstValue("Content-Length")).hasValue(Integer.toString(bytes.length));
        assertThat(res.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
                .startsWith("attachment; filename=\"Bjork _ Hidden Place.bin\"")
                .contains("filename*=UTF-8''Bj%C3%B6rk%20%E2%80%93%20Hidden%20Place.bin"));
        assertThat(res.headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void headAnswersTheHeadersWithoutABody() throws Exception {
        HttpResponse<byte[]> res = http.send(HttpRequest.newBuilder(URI.create(link))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEmpty();
        assertThat(res.headers().firstValue("Content-Length")).hasValue(Integer.toString(bytes.length));
        assertThat(res.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    }

    @Test
    void everySingleRangeFormIsAnsweredExactly() throws Exception {
        long size = bytes.length;
        long[][] cases = {{0, 0}, {size - 1, size - 1}, {1000, 2_000_000}, {5, size - 1}};
        String[] headers = {"bytes=0-0", "bytes=" + (size - 1) + "-" + (size - 1), "bytes=1000-2000000", "bytes=5-"};
        for (int i = 0; i < cases.length; i++) {
            HttpResponse<byte[]> res = fetch(link, "Range", headers[i]);
            assertThat(res.statusCode()).as(headers[i]).isEqualTo(206);
            assertThat(res.headers().firstValue("Content-Range")).hasValue("bytes " + cases[i][0] + "-" + cases[i][1] + "/" + size);
            assertThat(res.body()).as(headers[i]).isEqualTo(slice(cases[i][0], cases[i][1]));
        }
        HttpResponse<byte[]> suffix = fetch(link, "Range", "bytes=-500");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(slice(size - 500, size - 1));
        HttpResponse<byte[]> clamped = fetch(link, "Range", "bytes=" + (size - 10) + "-" + (size + 5000));
        assertThat(clamped.headers().firstValue("Content-Range")).hasValue("bytes " + (size - 10) + "-" + (size - 1) + "/" + size);
        assertThat(clamped.body()).isEqualTo(slice(size - 10, size - 1));
    }

    @Test
    void unsatisfiableRangesGet416WithTheSize() throws Exception {
        for (String range : new String[] {"bytes=" + bytes.length + "-", "bytes=" + (bytes.length + 10) + "-" + (bytes.length + 20), "bytes=-0"}) {
            HttpResponse<byte[]> res = fetch(link, "Range", range);
            assertThat(res.statusCode()).as(range).isEqualTo(416);
            assertThat(res.headers().firstValue("Content-Range")).hasValue("bytes */" + bytes.length);
        }
    }

    @Test
    void severalRangesOrGarbageGetTheWholeFileNeverAWrongBody() throws Exception {
        for (String range : new String[] {"bytes=0-10,20-30", "bytes=abc", "lines=1-2", "bytes=50-10"}) {
            HttpResponse<byte[]> res = fetch(link, "Range", range);
            assertThat(res.statusCode()).as(range).isEqualTo(200);
            assertThat(res.body()).isEqualTo(bytes);
        }
    }

    @Test
    void ifRangeResumesOnlyWhenTheFileIsUnchanged() throws Exception {
        HttpResponse<byte[]> first = fetch(link);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<byte[]> same = fetch(link, "Range", "bytes=100-199", "If-Range", etag);
        assertThat(same.statusCode()).isEqualTo(206);
        assertThat(same.body()).isEqualTo(slice(100, 199));
        HttpResponse<byte[]> byDate = fetch(link, "Range", "bytes=100-199", "If-Range", lastModified);
        assertThat(byDate.statusCode()).isEqualTo(206);
        HttpResponse<byte[]> changed = fetch(link, "Range", "bytes=100-199", "If-Range", "\"some-other-version\"");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(bytes);
        HttpResponse<byte[]> notModified = fetch(link, "If-None-Match", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
    }

    @Test
    void aDownloadManagerFetchingFourRangesInParallelGetsTheExactFile() throws Exception {
        int parts = 4;
        long size = bytes.length;
        long step = size / parts;
        List<CompletableFuture<HttpResponse<byte[]>>> futures = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            long first = i * step;
            long last = i == parts - 1 ? size - 1 : first + step - 1;
            futures.add(http.sendAsync(HttpRequest.newBuilder(URI.create(link)).header("Range", "bytes=" + first + "-" + last).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (CompletableFuture<HttpResponse<byte[]>> f : futures) {
            HttpResponse<byte[]> res = f.get();
            assertThat(res.statusCode()).isEqualTo(206);
            sha.update(res.body());
        }
        assertThat(sha.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aRefundStopsEveryLinkAtOnce() throws Exception {
        Reply purchase = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "refund@example.com"));
        String refundable = purchase.json().path("downloads").get(0).path("url").asText();
        assertThat(fetch(refundable, "Range", "bytes=0-9").statusCode()).isEqualTo(206);
        assertThat(api.post("/api/purchases/" + purchase.text("id") + "/refund", token, null).text("status")).isEqualTo("refunded");
        HttpResponse<byte[]> after = fetch(refundable);
        assertThat(after.statusCode()).isEqualTo(410);
        assertThat(new String(after.body())).contains("refunded");
        assertThat(fetch(refundable, "Range", "bytes=100-").statusCode()).isEqualTo(410);
        assertThat(fetch(link).statusCode()).isEqualTo(200);
    }

    @Test
    void aRevokedPurchaseStopsItsLinksWithoutARefund() throws Exception {
        Reply purchase = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "leaky@example.com"));
        String leaked = purchase.json().path("downloads").get(0).path("url").asText();
        assertThat(fetch(leaked, "Range", "bytes=0-9").statusCode()).isEqualTo(206);
        Reply revoked = api.post("/api/purchases/" + purchase.text("id") + "/revoke", token, null);
        assertThat(revoked.text("status")).isEqualTo("revoked");
        assertThat(fetch(leaked).statusCode()).isEqualTo(410);
        assertThat(fetch(link).statusCode()).isEqualTo(200);
    }

    @Test
    void buyersKeepAccessWhenTheReleaseIsUnpublishedOrEditedAndItCannotBeDeleted() throws Exception {
        assertThat(api.patch("/api/releases/" + release, token, Map.of("status", "draft", "title", "Renamed")).status()).isEqualTo(200);
        assertThat(fetch(link).statusCode()).isEqualTo(200);
        assertThat(api.delete("/api/releases/" + release, token).status()).isEqualTo(409);
        assertThat(fetch(link).body()).isEqualTo(bytes);
    }
}
