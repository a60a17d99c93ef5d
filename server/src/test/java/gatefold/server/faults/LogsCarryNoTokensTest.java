package gatefold.server.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.db.DatabaseAddress;
import gatefold.server.db.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A server in its own process is used the way fans and artists use it, and refused the ways
 * they get refused: download links clicked, ranged, tampered with and refunded; receipts; library
 * sign-in links opened, used, used again and forged; signed part URLs; and a click that fails with
 * a 500. Everything the server wrote to its console must name routes by their template
 * ({@code /d/{token}}) and never hold one of the secrets that were used.
 */
class LogsCarryNoTokensTest {

    private static final Pattern SECRET_IN_PATH = Pattern.compile("/(?:d|receipts|library/signin)/([A-Za-z0-9._~%-]{16,})");

    @Test
    void noTokenOrSignedUrlEverReachesTheLog() throws Exception {
        DatabaseAddress address = TestDatabases.postgresUrl();
        ServerDatabase db = new ServerDatabase(address);
        try (ChildGatefold server = ChildGatefold.start(address.settings())) {
            ApiClient api = server.api();
            Set<String> secrets = new LinkedHashSet<>();
            String token = api.newArtist("Quiet Room", "quiet@example.com").token();
            secrets.add(token);
            String release = api.newRelease(token, Map.of("title", "Hush", "kind", "other", "pricing", "free"));
            api.put("/api/releases/" + release + "/files/a.bin", token, HttpRequest.BodyPublishers.ofByteArray(new byte[5000]));
            api.post("/api/releases/" + release + "/publish", token, null);

            // A fan takes the free release: a receipt and download links.
            Reply checkout = api.post("/checkout/" + release, null, Map.of("email", "fan@example.com"));
            assertThat(checkout.status()).as(checkout.toString()).isEqualTo(201);
            String receipt = checkout.text("receiptUrl");
            Reply shown = get(api, receipt, "Accept", "application/json");
            String link = shown.json().path("downloads").get(0).path("url").asText();
            secrets.addAll(List.of(receipt, link));
            get(api, receipt, "Accept", "text/html");
            assertThat(get(api, link).status()).isEqualTo(200);
            assertThat(get(api, link, "Range", "bytes=0-99").status()).isEqualTo(206);
            api.exchange(HttpRequest.newBuilder(URI.create(link)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertThat(get(api, tampered(link)).status()).isBetween(400, 499);
            assertThat(get(api, tampered(receipt), "Accept", "text/html").status()).isEqualTo(404);

            // The fan signs in to the library with a mailed link; the link works once.
            assertThat(api.post("/library", null, Map.of("email", "fan@example.com")).status()).isEqualTo(202);
            String signIn = await().atMost(Duration.ofSeconds(30)).until(() -> mailedLink(api, "/library/signin/"), l -> l != null);
            secrets.add(signIn);
            assertThat(get(api, signIn, "Accept", "application/json").status()).isEqualTo(200);
            Reply signedIn = api.exchange(post(signIn));
            assertThat(signedIn.status()).isEqualTo(303);
            signedIn.raw().headers().allValues("Set-Cookie").forEach(c -> secrets.add(c.substring(c.indexOf('=') + 1, c.indexOf(';'))));
            assertThat(api.exchange(post(signIn)).status()).isEqualTo(410);
            assertThat(api.exchange(post(tampered(signIn))).status()).isEqualTo(410);

            // An artist's resumable upload: signed part URLs, one of them tampered with.
            Reply started = api.post("/api/releases/" + release + "/uploads", token,
                    Map.of("name", "b.bin", "size", 1000, "contentType", "application/octet-stream"));
            Reply where = api.post("/api/uploads/" + started.text("uploadId") + "/parts/1", token, null);
            String partUrl = where.text("url");
            secrets.add(partUrl);
            secrets.add(URI.create(partUrl).getRawQuery());
            assertThat(api.exchange(HttpRequest.newBuilder(URI.create(tampered(partUrl)))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[1000]))).status()).isEqualTo(403);
            assertThat(api.exchange(HttpRequest.newBuilder(URI.create(partUrl))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[1000]))).status()).isEqualTo(200);

            // A failure on our side while a link is clicked: a 500, logged with its stack trace.
            db.execute("ALTER TABLE releases RENAME COLUMN download_limit TO download_limit_gone");
            assertThat(get(api, link).status()).isEqualTo(500);
            db.execute("ALTER TABLE releases RENAME COLUMN download_limit_gone TO download_limit");

            // The artist refunds: the link stops working.
            String purchase = checkout.text("id");
            assertThat(api.post("/api/purchases/" + purchase + "/refund", token, null).status()).isEqualTo(200);
            assertThat(get(api, link).status()).isEqualTo(410);
            assertThat(get(api, link, "Accept", "text/html").status()).isEqualTo(410);

            String output = server.output();
            assertThat(output).contains("unhandled error on GET /d/{token}");
            for (String secret : withPathSecrets(secrets)) {
                assertThat(output).as("the log holds a secret").doesNotContain(secret);
            }
        }
    }

    /** Every secret, and the secret part of each link on its own (a log line may hold the path without the host). */
    private static Set<String> withPathSecrets(Set<String> secrets) {
        Set<String> all = new LinkedHashSet<>(secrets);
        for (String secret : secrets) {
            Matcher m = SECRET_IN_PATH.matcher(secret);
            while (m.find()) {
                all.add(m.group(1));
            }
        }
        all.removeIf(s -> s == null || s.length() < 16);
        return all;
    }

    /** The same link with one character of its secret changed. */
    private static String tampered(String url) {
        int at = url.indexOf('?') > 0 ? url.length() - 2 : url.length() - 3;
        char c = url.charAt(at);
        return url.substring(0, at) + (c == 'A' ? 'B' : 'A') + url.substring(at + 1);
    }

    private static String mailedLink(ApiClient api, String path) {
        JsonNode mails = api.get("/api/admin/outbox", api.adminToken()).json();
        List<String> found = new ArrayList<>();
        for (JsonNode mail : mails) {
            Matcher m = Pattern.compile("https?://\\S+" + Pattern.quote(path) + "\\S+").matcher(mail.path("body").asText());
            while (m.find()) {
                found.add(m.group());
            }
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static Reply get(ApiClient api, String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return api.exchange(request);
    }

    private static HttpRequest.Builder post(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
    }
}
