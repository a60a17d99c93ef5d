package gatefold.server.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.server.library.SignInLinks;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A fan's library as the fan reaches it: a sign-in link from the mail (the outbox, with no SMTP set), then /library. */
record FanLibrary(TestServer server, String cookie) {

    static FanLibrary signIn(TestServer server, String email) throws Exception {
        assertThat(new ApiClient(server).post("/library", null, Map.of("email", email)).status()).isIn(200, 202);
        String sql = "SELECT body FROM mail_outbox WHERE to_address = ? AND subject LIKE 'Your sign-in link%'";
        await().atMost(Duration.ofSeconds(20)).until(() -> !bodies(server, sql, email).isEmpty());
        Matcher link = Pattern.compile("/library/signin/\\S+").matcher(bodies(server, sql, email).get(0));
        assertThat(link.find()).isTrue();
        HttpResponse<String> in = SignInLinks.follow(server::send, URI.create(server.url(link.group())));
        assertThat(in.statusCode()).as(in.body()).isEqualTo(303);
        String cookie = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("gatefold_library="))
                .findFirst().orElseThrow();
        return new FanLibrary(server, cookie.substring(0, cookie.indexOf(';')));
    }

    private static List<String> bodies(TestServer server, String sql, String email) {
        return server.gatefold.services().core().jdbi().withHandle(h -> h.createQuery(sql).bind(0, email).mapTo(String.class).list());
    }

    /** The fan's only purchase, as the library's JSON shows it. */
    JsonNode item() throws Exception {
        HttpResponse<String> json = server.send(HttpRequest.newBuilder(URI.create(server.url("/library"))), "Cookie", cookie,
                "Accept", "application/json");
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        JsonNode purchases = ApiClient.JSON.readTree(json.body()).path("purchases");
        assertThat(purchases.size()).as(json.body()).isEqualTo(1);
        return purchases.get(0);
    }

    /** The library page a browser gets. */
    String page() {
        HttpResponse<String> html = server.send(HttpRequest.newBuilder(URI.create(server.url("/library"))), "Cookie", cookie,
                "Accept", "text/html");
        assertThat(html.statusCode()).as(html.body()).isEqualTo(200);
        return html.body();
    }
}
