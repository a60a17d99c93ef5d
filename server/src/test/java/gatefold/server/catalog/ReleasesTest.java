package gatefold.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReleasesTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();
    static final ApiClient api = new ApiClient(server);
    static int artists;
    String token;

    @BeforeEach
    void newArtist() {
        artists++;
        token = api.newArtist("Release Tester " + artists, "releases" + artists + "@example.com").token();
    }

    int releaseCount() {
        return server.gatefold.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM releases").mapTo(Integer.class).one());
    }

    @Test
    void aFixedPriceAlbumIsCreatedAsADraftWithMoneyInTheApiShape() {
        Reply created = api.post("/api/releases", token, Map.of("title", "Låga Vågor", "kind", "music", "pricing", "fixed",
                "price", Map.of("amount", "7.00", "currency", "EUR"), "description", "# Liner notes\n\n*Recorded live.*",
                "releaseDate", "2026-12-01", "licence", "cc-by-nc"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("slug")).isEqualTo("laga-vagor");
        assertThat(created.text("status")).isEqualTo("draft");
        assertThat(created.json().path("price").path("amount").asText()).isEqualTo("7.00");
        assertThat(created.json().path("price").path("currency").asText()).isEqualTo("EUR");
        assertThat(created.text("description")).isEqualTo("# Liner notes\n\n*Recorded live.*");
        assertThat(created.text("releaseDate")).isEqualTo("2026-12-01");
        assertThat(created.text("url")).endsWith("/r/release-tester-" + artists + "/laga-vagor");
        assertThat(created.json().path("files")).isEmpty();

        Reply listed = api.get("/api/releases", token);
        assertThat(listed.json()).hasSize(1);
        assertThat(api.get("/api/releases/" + created.text("id"), token).text("title")).isEqualTo("Låga Vågor");
    }

    @Test
    void payWhatYouWantTakesAMinimumAndZeroDecimalCurrenciesWork() {
        Reply pwyw = api.post("/api/releases", token, Map.of("title", "Sketches", "kind", "book", "pricing", "pwyw",
                "minPrice", "3", "price", "5.50", "currency", "USD"));
        assertThat(pwyw.status()).isEqualTo(201);
        assertThat(pwyw.json().path("minPrice").path("amount").asText()).isEqualTo("3.00");
        assertThat(pwyw.json().path("price").path("amount").asText()).isEqualTo("5.50");
        assertThat(pwyw.text("currency")).isEqualTo("USD");

        Reply yen = api.post("/api/releases", token, Map.of("title", "Tokyo Tapes", "kind", "film", "pricing", "fixed",
                "price", Map.of("amount", "1200", "currency", "JPY")));
        assertThat(yen.status()).isEqualTo(201);
        assertThat(yen.json().path("price").path("amount").asText()).isEqualTo("1200");
        Reply free = api.post("/api/releases", token, Map.of("title", "Gift", "kind", "other", "pricing", "free"));
        assertThat(free.json().path("price").isNull()).isTrue();
    }

    @Test
    void sameTitlesGetDistinctSlugsPerArtist() {
        String first = api.post("/api/releases", token, Map.of("title", "Live", "kind", "music", "pricing", "free")).text("slug");
        String second = api.post("/api/releases", token, Map.of("title", "Live", "kind", "music", "pricing", "free")).text("slug");
        assertThat(first).isEqualTo("live");
        assertThat(second).isEqualTo("live-2");
    }

    @Test
    void patchChangesOnlyWhatItNames() {
        String id = api.newRelease(token, Map.of("title", "Before", "kind", "music", "pricing", "fixed", "price", "9.99",
                "credits", "Mixed by Sam"));
        Reply patched = api.patch("/api/releases/" + id, token, Map.of("title", "After"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.text("title")).isEqualTo("After");
        assertThat(patched.text("slug")).isEqualTo("before");
        assertThat(patched.json().path("price").path("amount").asText()).isEqualTo("9.99");
        assertThat(patched.text("credits")).isEqualTo("Mixed by Sam");
        assertThat(patched.text("kind")).isEqualTo("music");

        Reply toFree = api.patch("/api/releases/" + id, token, Map.of("pricing", "free"));
        assertThat(toFree.json().path("price").isNull()).isTrue();
        Reply unlisted = api.patch("/api/releases/" + id, token, Map.of("status", "unlisted"));
        assertThat(unlisted.text("status")).isEqualTo("unlisted");
    }

    @Test
    void badReleaseInputGetsA4xxAndLeavesNoRows() {
        int before = releaseCount();
        Map<String, Object> good = Map.of("title", "Fine", "kind", "music", "pricing", "fixed", "price", "7.00");
        List<Map<String, Object>> bad = List.of(
                with(good, "price", "-7.00"),
                with(good, "price", "99999999999.00"),
                with(good, "price", "7.001"),
                with(good, "price", 7.0),
                with(good, "price", Map.of("amount", "7.00", "currency", "XYZ")),
                with(good, "price", Map.of("amount", "7.00", "currency", "eur")),
                with(good, "price", "0.00"),
                with(good, "title", "t".repeat(10_000)),
                with(good, "title", "bad\u0000title"),
                with(good, "title", 12),
                with(good, "kind", "podcast"),
                with(good, "pricing", "auction"),
                with(good, "status", "secret"),
                with(good, "licence", "gpl"),
                with(good, "releaseDate", "yesterday"),
                with(good, "slug", "../../etc"),
                with(good, "surprise", true),
                Map.of("kind", "music", "pricing", "free"));
        for (Map<String, Object> body : bad) {
            Reply reply = api.post("/api/releases", token, body);
            assertThat(reply.status()).as(body.toString()).isBetween(400, 422);
            assertThat(reply.json().has("error")).isTrue();
            assertThat(reply.json().has("message")).isTrue();
        }
        for (String broken : new String[] {"{", "[]", "\"text\"", "{\"title\": \"x\",}", "nul"}) {
            Reply reply = api.post("/api/releases", token, broken);
            assertThat(reply.status()).as(broken).isEqualTo(400);
            assertThat(reply.text("error")).isEqualTo("bad_request");
        }
        Reply huge = api.exchange(HttpRequest.newBuilder(java.net.URI.create(server.url("/api/releases")))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + "x".repeat(2_000_000) + "\"}")));
        assertThat(huge.status()).isEqualTo(413);
        Reply pwywBelowMin = api.post("/api/releases", token, Map.of("title", "x", "kind", "music", "pricing", "pwyw",
                "minPrice", "5.00", "price", "2.00"));
        assertThat(pwywBelowMin.status()).isEqualTo(422);
        Reply mixed = api.post("/api/releases", token, Map.of("title", "x", "kind", "music", "pricing", "pwyw",
                "minPrice", Map.of("amount", "5.00", "currency", "USD"), "price", Map.of("amount", "6.00", "currency", "EUR")));
        assertThat(mixed.status()).isEqualTo(422);
        assertThat(releaseCount()).isEqualTo(before);
    }

    @Test
    void aBadPatchChangesNothing() {
        String id = api.newRelease(token, Map.of("title", "Stable", "kind", "music", "pricing", "fixed", "price", "7.00"));
        assertThat(api.patch("/api/releases/" + id, token, Map.of("title", "New", "price", "-1")).status()).isEqualTo(422);
        assertThat(api.patch("/api/releases/" + id, token, Map.of("pricing", "fixed", "price", "0")).status()).isEqualTo(422);
        Reply now = api.get("/api/releases/" + id, token);
        assertThat(now.text("title")).isEqualTo("Stable");
        assertThat(now.json().path("price").path("amount").asText()).isEqualTo("7.00");
    }

    @Test
    void aReleaseWithoutSalesCanBeDeletedAndPublishingNeedsAFile() {
        String id = api.newRelease(token, Map.of("title", "Short Lived", "kind", "other", "pricing", "free"));
        Reply publish = api.post("/api/releases/" + id + "/publish", token, null);
        assertThat(publish.status()).isEqualTo(409);
        assertThat(api.delete("/api/releases/" + id, token).status()).isEqualTo(204);
        assertThat(api.get("/api/releases/" + id, token).status()).isEqualTo(404);
    }

    static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
