package gatefold.server.library;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.TestServer;
import gatefold.server.mail.TestShop;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Behind HTTPS the library's cookies are Secure; without SMTP the sign-in link waits in the outbox. */
class LibraryOverHttpsTest {

    @Test
    void cookiesAreSecureWhenTheStoreIsServedOverHttps() {
        try (TestServer server = TestServer.start(Map.of("GATEFOLD_BASE_URL", "https://shop.example.com"))) {
            TestShop shop = new TestShop(server);
            TestShop.Seller seller = shop.artist("Secure Band");
            TestShop.Published release = shop.release(seller, "Locked", "free");
            assertThat(shop.api.post("/checkout/" + release.id(), null, Map.of("email", "safe@example.com")).status()).isEqualTo(201);
            assertThat(shop.api.post("/library", null, Map.of("email", "safe@example.com")).status()).isEqualTo(202);

            String body = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                    shop.outboxFor("safe@example.com").stream().map(m -> m.path("body").asText())
                            .filter(b -> b.contains("/library/signin/")).findFirst().orElse(null), b -> b != null);
            Matcher m = Pattern.compile("https://shop\\.example\\.com(/library/signin/\\S+)").matcher(body);
            assertThat(m.find()).as(body).isTrue();

            HttpResponse<String> signedIn = SignInLinks.follow(shop::send, URI.create(server.url(m.group(1))));
            assertThat(signedIn.statusCode()).isEqualTo(303);
            assertThat(signedIn.headers().allValues("Set-Cookie"))
                    .anySatisfy(c -> assertThat(c).startsWith("gatefold_library=").contains("; Secure"));
            HttpResponse<String> form = shop.send(HttpRequest.newBuilder(URI.create(server.url("/redeem"))));
            assertThat(form.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("gatefold_form=").contains("; Secure"));
        }
    }
}
