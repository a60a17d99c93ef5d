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
import java.util.Map;
import java.util.Random;

/** Shared set-up for download tests: a store on S3, a bought file and its link, settled statistics. */
final class DeliveryFixtures {

    private DeliveryFixtures() {
    }

    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static Map<String, String> env(S3ProxyServer s3, String bucket) {
        return Map.of("GATEFOLD_STORE", "s3", "GATEFOLD_S3_ENDPOINT", s3.endpoint().toString(), "GATEFOLD_S3_BUCKET", bucket,
                "GATEFOLD_S3_ACCESS_KEY", s3.accessKey(), "GATEFOLD_S3_SECRET_KEY", s3.secretKey());
    }

    record Bought(String link, String entitlementId, String fileId, byte[] bytes, String token, String release) {
    }

    static Bought buy(TestServer server, ApiClient api) {
        return buy(server, api, "redirect@example.com");
    }

    static Bought buy(TestServer server, ApiClient api, String artistEmail) {
        return buy(server, api, artistEmail, 2_000_000);
    }

    static Bought buy(TestServer server, ApiClient api, String artistEmail, int size) {
        String token = api.newArtist("Redirect", artistEmail).token();
        String release = api.newRelease(token, Map.of("title", "Film", "kind", "other", "pricing", "fixed", "price", "9.00"));
        byte[] bytes = new byte[size];
        new Random(5).nextBytes(bytes);
        String fileId = api.put("/api/releases/" + release + "/files/" + ApiClient.enc("Ünïcode Film.bin"), token,
                HttpRequest.BodyPublishers.ofByteArray(bytes)).text("id");
        Reply purchase = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "fan@example.com"));
        String entitlement = server.gatefold.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT entitlement_id FROM purchases WHERE id = :id").bind("id", purchase.text("id")).mapTo(String.class).one());
        return new Bought(purchase.json().path("downloads").get(0).path("url").asText(), entitlement, fileId, bytes, token, release);
    }

    /** Reading the statistics writes the batched download log and the counts of unlimited releases. */
    static void settle(ApiClient api, Bought bought) {
        assertThat(api.get("/api/releases/" + bought.release() + "/downloads", bought.token()).status()).isEqualTo(200);
    }

    static String location(String link) throws Exception {
        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(302);
        return redirect.headers().firstValue("Location").orElseThrow();
    }

}
