package gatefold.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.storage.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Stream mode on S3 keeps the small files fans are downloading in memory; the database still decides who gets them. */
class HotFilesTest {

    static final HttpClient http = HttpClient.newHttpClient();

    record Shop(TestServer server, S3ProxyServer s3, ApiClient api, String token, String release, String purchaseId, Map<String, String> links,
                Map<String, byte[]> bytes) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            s3.close();
        }
    }

    static Shop open(String hotFilesMb) {
        S3ProxyServer s3 = S3ProxyServer.start();
        Map<String, String> env = new HashMap<>(DeliveryFixtures.env(s3, s3.createFreshBucket()));
        env.put("GATEFOLD_DELIVERY", "stream");
        env.put("GATEFOLD_HOT_FILES_MB", hotFilesMb);
        TestServer server = TestServer.start(env);
        ApiClient api = new ApiClient(server);
        String token = api.newArtist("Hot", "hot@example.com").token();
        String release = api.newRelease(token, Map.of("title", "Single", "kind", "other", "pricing", "fixed", "price", "1.00"));
        Map<String, byte[]> bytes = new HashMap<>();
        for (String name : new String[] {"single.bin", "b-side.bin"}) {
            byte[] file = new byte[1_500_000];
            new Random(name.hashCode()).nextBytes(file);
            bytes.put(name, file);
            api.put("/api/releases/" + release + "/files/" + name, token, HttpRequest.BodyPublishers.ofByteArray(file));
        }
        Reply purchase = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "fan@example.com"));
        Map<String, String> links = new HashMap<>();
        purchase.json().path("downloads").forEach(d -> links.put(d.path("name").asText(), d.path("url").asText()));
        return new Shop(server, s3, api, token, release, purchase.text("id"), links, bytes);
    }

    static HttpResponse<byte[]> fetch(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aFileFansJustDownloadedIsServedFromMemoryButTheStoreStillJudgesTheRest() throws Exception {
        try (Shop shop = open("16")) {
            byte[] single = shop.bytes().get("single.bin");
            assertThat(fetch(shop.links().get("single.bin")).body()).isEqualTo(single);
            shop.s3().close();

            // The artist reading the statistics writes the batched counts (the store is not needed for that).
            assertThat(shop.api().get("/api/releases/" + shop.release() + "/downloads", shop.token()).status()).isEqualTo(200);
            HttpResponse<byte[]> again = fetch(shop.links().get("single.bin"));
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(single);
            HttpResponse<byte[]> part = fetch(shop.links().get("single.bin"), "Range", "bytes=1000-1999");
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.body()).isEqualTo(Arrays.copyOfRange(single, 1000, 2000));

            // Never downloaded, so not in memory: the store is down, and nothing is spent.
            HttpResponse<byte[]> cold = fetch(shop.links().get("b-side.bin"));
            assertThat(cold.statusCode()).isEqualTo(503);
            assertThat(shop.api().get("/api/releases/" + shop.release() + "/downloads", shop.token()).status()).isEqualTo(200);
            int spent = shop.server().gatefold.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT COALESCE(SUM(downloads), 0) FROM download_counts").mapTo(Integer.class).one());
            assertThat(spent).isEqualTo(2);

            // A refund ends the link at once, memory or not.
            assertThat(shop.api().post("/api/purchases/" + shop.purchaseId() + "/refund", shop.token(), null).status()).isEqualTo(200);
            assertThat(fetch(shop.links().get("single.bin")).statusCode()).isEqualTo(410);
        }
    }

    @Test
    void withNoMemoryGivenEveryDownloadAsksTheStore() throws Exception {
        try (Shop shop = open("0")) {
            assertThat(fetch(shop.links().get("single.bin")).body()).isEqualTo(shop.bytes().get("single.bin"));
            shop.s3().close();
            assertThat(fetch(shop.links().get("single.bin")).statusCode()).isEqualTo(503);
        }
    }
}
