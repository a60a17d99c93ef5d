package gatefold.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The whole sale on PostgreSQL, over HTTP: a release is made, sold, downloaded and refunded. */
class PostgresSmokeTest {

    @Test
    void aSaleOnPostgresDownloadsUntilItIsRefunded() throws Exception {
        try (TestServer server = TestServer.startOnPostgres()) {
            assertThat(server.gatefold.database().isReady()).isTrue();
            String engine = server.gatefold.database().jdbi().withHandle(h -> h.createQuery("SELECT version()").mapTo(String.class).one());
            assertThat(engine).startsWith("PostgreSQL 17");

            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Postgres Band", "band@example.com").token();
            String release = api.newRelease(token, Map.of("title", "Live on Tape", "kind", "other", "pricing", "fixed", "price", "9.00"));
            byte[] song = new byte[256 * 1024 + 7];
            new Random(17).nextBytes(song);
            assertThat(api.put("/api/releases/" + release + "/files/" + ApiClient.enc("Live on Tape.bin"), token,
                    HttpRequest.BodyPublishers.ofByteArray(song)).status()).isEqualTo(201);

            Reply purchase = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "fan@example.com"));
            assertThat(purchase.status()).as(purchase.toString()).isEqualTo(201);
            String link = purchase.json().path("downloads").get(0).path("url").asText();

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(song);

            Reply refund = api.post("/api/purchases/" + purchase.text("id") + "/refund", token, null);
            assertThat(refund.text("status")).as(refund.toString()).isEqualTo("refunded");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                    .isEqualTo(410);
        }
    }
}
