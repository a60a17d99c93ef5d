package gatefold.server.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.db.DatabaseAddress;
import gatefold.server.db.PostgresServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops under a running server (a private PostgreSQL, so no other test notices).
 * Every kind of caller hears "try again shortly" in its own form (503 with Retry-After, the JSON
 * error shape, or the page a browser gets), readiness says the database is down, the log has one
 * line per failure without any SQL; and once PostgreSQL is back the same server serves again.
 */
class DatabaseOutageTest {

    @Test
    void whileTheDatabaseIsDownEveryoneIsToldToComeBackAndAfterwardsItJustWorks() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            DatabaseAddress address = postgres.newDatabase();
            try (ChildGatefold server = ChildGatefold.start(address.settings())) {
                ApiClient api = server.api();
                String token = api.newArtist("Power Cut", "cut@example.com").token();
                String release = api.newRelease(token, Map.of("title", "Blackout", "kind", "other", "pricing", "fixed",
                        "price", "5.00", "slug", "blackout"));
                api.put("/api/releases/" + release + "/files/a.bin", token, HttpRequest.BodyPublishers.ofByteArray(new byte[1000]));
                api.post("/api/releases/" + release + "/publish", token, null);
                String link = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "fan@example.com"))
                        .json().path("downloads").get(0).path("url").asText();
                String page = api.get("/api/releases/" + release, token).text("url");

                postgres.stop();

                Map<String, Supplier<Reply>> callers = new LinkedHashMap<>();
                callers.put("new release with a slug", () -> api.post("/api/releases", token,
                        Map.of("title", "Again", "kind", "other", "pricing", "free", "slug", "blackout")));
                callers.put("release list", () -> api.get("/api/releases", token));
                callers.put("new artist", () -> api.post("/api/artists", api.adminToken(),
                        Map.of("name", "Blackout", "email", "cut@example.com", "password", "correct horse battery")));
                callers.put("sign-in", () -> api.post("/api/tokens", null, Map.of("email", "cut@example.com", "password", "x")));
                callers.put("download link", () -> api.exchange(HttpRequest.newBuilder(URI.create(link))));
                callers.put("checkout", () -> api.post("/checkout/" + release, null, Map.of("email", "late@example.com")));
                Map<String, CompletableFuture<Reply>> sent = new LinkedHashMap<>();
                callers.forEach((what, call) -> sent.put(what, CompletableFuture.supplyAsync(call)));
                CompletableFuture<Reply> browser = CompletableFuture.supplyAsync(() ->
                        api.exchange(HttpRequest.newBuilder(URI.create(page)).header("Accept", "text/html")));
                for (Map.Entry<String, CompletableFuture<Reply>> each : sent.entrySet()) {
                    Reply reply = each.getValue().get();
                    assertThat(reply.status()).as(each.getKey() + ": " + reply).isEqualTo(503);
                    assertThat(reply.raw().headers().firstValue("Retry-After")).as(each.getKey()).isPresent();
                    assertThat(reply.text("error")).as(each.getKey()).isEqualTo("unavailable");
                    assertThat(reply.text("message")).as(each.getKey()).contains("database").doesNotContain("taken")
                            .doesNotContain("already");
                }
                Reply shown = browser.get();
                assertThat(shown.status()).isEqualTo(503);
                assertThat(shown.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
                assertThat(shown.body()).contains("Back in a moment");

                Reply ready = api.get("/health/ready", null);
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.text("database")).isEqualTo("down");
                assertThat(api.get("/health/live", null).status()).isEqualTo(200);

                // One warning per failed request, naming the route and never the SQL or its values.
                List<String> lines = server.output().lines().filter(l -> l.contains("database unavailable")).toList();
                assertThat(lines).hasSizeGreaterThanOrEqualTo(callers.size() + 1)
                        .allSatisfy(l -> assertThat(l).doesNotContainIgnoringCase("select").doesNotContainIgnoringCase("insert")
                                .doesNotContain("fan@example.com").doesNotContain(tokenOf(link)));
                assertThat(lines).anySatisfy(l -> assertThat(l).contains("POST /api/releases"))
                        .anySatisfy(l -> assertThat(l).contains("GET /d/{token}"));
                assertThat(server.output()).doesNotContain("unhandled error").doesNotContain("taken");

                postgres.restart();

                await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/health/ready", null).status() == 200);
                assertThat(api.get("/api/releases", token).status()).isEqualTo(200);
                Reply again = api.post("/api/releases", token, Map.of("title", "Again", "kind", "other", "pricing", "free",
                        "slug", "blackout"));
                assertThat(again.status()).as("the slug really is taken now: " + again).isEqualTo(409);
                assertThat(api.exchange(HttpRequest.newBuilder(URI.create(link))).status()).isEqualTo(200);
            }
        }
    }

    /** The secret part of a download link. */
    static String tokenOf(String link) {
        Matcher m = Pattern.compile("/d/([^/?]+)").matcher(link);
        return m.find() ? m.group(1) : "";
    }
}
