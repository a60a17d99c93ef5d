package gatefold.server.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's audience: a fan follows the band, pre-orders, buys the discography and gets the next release; the film rents. */
class DemoAudienceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String base;

    HttpResponse<String> send(String method, String path, String token, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .header("Accept", type.equals("form") ? "text/html" : "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", type.equals("form") ? "application/x-www-form-urlencoded" : "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String method, String path, String token, String body) throws Exception {
        HttpResponse<String> response = send(method, path, token, "json", body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    /** Pays a started checkout with the test provider; the store's public URL is rewritten to where the demo listens. */
    void pay(JsonNode started) throws Exception {
        String pay = started.path("redirectUrl").asText().replaceFirst("^https?://[^/]+", base);
        assertThat(send("POST", pay, null, "json", null).statusCode()).isEqualTo(303);
    }

    /** The path of a link in the newest mail to {@code to} whose subject has {@code subjectPart} and that has such a link. */
    String mailLink(String adminToken, String to, String subjectPart, String prefix) throws Exception {
        for (JsonNode m : json("GET", "/api/admin/outbox", adminToken, null)) {
            if (m.path("to").asText().equals(to) && m.path("subject").asText().contains(subjectPart)) {
                Matcher link = Pattern.compile("https?://[^/\\s]+(/" + prefix + "/\\S+)").matcher(m.path("body").asText());
                if (link.find()) {
                    return link.group(1);
                }
            }
        }
        return null;
    }

    @Test
    void aFanFollowsPreordersBuysTheDiscographyAndGetsTheNextRelease(@TempDir Path tmp) throws Exception {
        try (Demo demo = Demo.start(new Demo.Options(tmp.resolve("demo"), "127.0.0.1", 0, Path.of("..", "seeds"), false),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            base = "http://127.0.0.1:" + demo.gatefold().port();
            String token = demo.signIn().apiToken();
            String admin = demo.extras().adminToken();
            Map<String, JsonNode> byTitle = new HashMap<>();
            json("GET", "/api/releases", token, null).forEach(r -> byTitle.put(r.path("title").asText(), r));
            String fan = "demofan@example.com";

            assertThat(send("POST", "/a/" + demo.signIn().artistSlug() + "/follow", null, "form", "email=demofan%40example.com")
                    .statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> mailLink(admin, fan, "Confirm", "follow/confirm") != null);
            assertThat(send("POST", mailLink(admin, fan, "Confirm", "follow/confirm"), null, "form", "").statusCode()).isEqualTo(200);
            assertThat(json("GET", "/api/followers", token, null).get(0).path("state").asText()).isEqualTo("following");

            JsonNode soon = byTitle.get("Coming Soon");
            assertThat(LocalDate.parse(soon.path("releaseDate").asText())).isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(14));
            JsonNode previews = json("GET", "/api/releases/" + soon.path("id").asText() + "/previews", token, null).path("tracks");
            assertThat(previews.findValuesAsText("mode")).containsExactly("whole", "none");
            JsonNode preorder = json("POST", "/checkout/" + soon.path("id").asText(), null, "{\"email\":\"" + fan + "\",\"provider\":\"test\"}");
            pay(preorder);
            JsonNode receipt = json("GET", preorder.path("receiptUrl").asText().replaceFirst("^https?://[^/]+", base), null, null);
            assertThat(receipt.path("status").asText()).isEqualTo("confirmed");
            assertThat(receipt.path("entitlement").asText()).isEqualTo("preordered");
            assertThat(receipt.path("opensOn").asText()).isEqualTo(soon.path("releaseDate").asText());
            assertThat(receipt.path("downloads")).as("a pre-order waits for its date, but for the track available now").hasSize(1);
            assertThat(receipt.path("downloads").get(0).path("name").asText()).startsWith("01 First Light");

            String discography = demo.extras().discographyPath();
            HttpResponse<String> page = send("GET", discography, null, "form", null);
            assertThat(page.body()).contains("The whole discography").contains("Includes future releases")
                    .contains("action=\"/checkout/bundle/");
            Matcher action = Pattern.compile("action=\"(/checkout/bundle/[^\"]+)\"").matcher(page.body());
            assertThat(action.find()).isTrue();
            HttpResponse<String> fromPage = send("POST", action.group(1), null, "form", "email=pagefan%40example.com");
            assertThat(fromPage.statusCode()).as(fromPage.body()).isEqualTo(303);
            assertThat(fromPage.headers().firstValue("Location").orElse("")).isNotBlank();
            JsonNode bundle = json("GET", discography, null, null);
            assertThat(bundle.path("includesFuture").asBoolean()).isTrue();
            assertThat(bundle.path("releases").findValuesAsText("title")).containsExactlyInAnyOrder("Sine Language",
                    "A Short Book of Small Hours", "Test Pattern", "Coming Soon");
            JsonNode bought = json("POST", bundle.path("checkoutUrl").asText().replaceFirst("^https?://[^/]+", base), null, "{\"email\":\"" + fan + "\",\"provider\":\"test\"}");
            assertThat(bought.path("amount").path("amount").asText()).as("the pre-order already owned comes off")
                    .isNotEqualTo(bundle.path("price").path("amount").asText());
            pay(bought);

            String encore = byTitle.get("Encore").path("id").asText();
            assertThat(byTitle.get("Encore").path("status").asText()).isEqualTo("draft");
            json("POST", "/api/releases/" + encore + "/publish", token, null);
            await().atMost(Duration.ofSeconds(20)).until(() -> json("GET", "/api/purchases?release=" + encore, token, null)
                    .findValuesAsText("email").contains(fan));
            await().atMost(Duration.ofSeconds(20)).until(() -> mailLink(admin, fan, "New from", "unsubscribe") != null);
            await().atMost(Duration.ofSeconds(20)).until(() -> json("GET", "/api/admin/outbox", admin, null)
                    .findValuesAsText("subject").contains("Your download: Encore"));

            JsonNode film = json("GET", "/api/releases/" + byTitle.get("Test Pattern").path("id").asText() + "/film", token, null);
            assertThat(film.path("rentPrice").path("amount").asText()).isEqualTo("1.50");
            assertThat(film.path("rentStartDays").asInt()).isPositive();
            assertThat(film.path("rentWatchHours").asInt()).isPositive();
        }
    }
}
