package gatefold.server.codes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.server.mail.TestShop;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A fan redeems a download code: one release, one use per fan, and guessing gets nowhere. */
class RedeemTest {

    static TestServer server;
    static TestShop shop;
    TestShop.Seller seller;
    TestShop.Published release;

    // Started here, not as a static extension: RedeemOnPostgresTest runs these tests again on PostgreSQL,
    // and a static field is made once, on H2, for both classes.
    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of());
        shop = new TestShop(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void aReleaseWithCodes() {
        shop.execute("DELETE FROM download_code_failures");
        seller = shop.artist("Redeem Band");
        release = shop.release(seller, "Redeemable", "fixed");
    }

    List<String> codes(TestShop.Published forRelease, int count, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(extra);
        body.put("count", count);
        Reply made = shop.api.post("/api/releases/" + forRelease.id() + "/codes", seller.token(), body);
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        List<String> out = new ArrayList<>();
        made.json().forEach(c -> out.add(c.path("code").asText()));
        return out;
    }

    Reply redeem(String code, String email) {
        return shop.api.post("/redeem", null, Map.of("code", code, "email", email));
    }

    @Test
    void aCodeGivesWorkingDownloadsAndAReceiptAndWorksOnce() {
        String code = codes(release, 5, Map.of()).get(0);
        Reply got = redeem(code.toLowerCase().replace("-", " "), "Fan@Example.com");
        assertThat(got.status()).as(got.toString()).isEqualTo(201);
        assertThat(got.text("releaseId")).isEqualTo(release.id());
        assertThat(got.text("email")).isEqualTo("fan@example.com");
        JsonNode downloads = got.json().path("downloads");
        assertThat(downloads).hasSize(1);
        assertThat(shop.download(downloads.get(0).path("url").asText())).isEqualTo(release.bytes());

        JsonNode purchase = shop.api.get("/api/purchases?release=" + release.id(), seller.token()).json().get(0);
        assertThat(purchase.path("source").asText()).isEqualTo("code");
        assertThat(purchase.path("status").asText()).isEqualTo("confirmed");
        assertThat(purchase.path("amount").path("amount").asText()).isEqualTo("0.00");
        assertThat(purchase.path("amount").path("currency").asText()).isEqualTo("EUR");
        // The receipt goes out as for any other purchase.
        assertThat(shop.outboxFor("fan@example.com")).singleElement()
                .satisfies(m -> assertThat(m.path("body").asText()).contains("(download code)").contains("/d/"));
        assertThat(shop.outboxFor(seller.email())).singleElement()
                .satisfies(m -> assertThat(m.path("subject").asText()).isEqualTo("Code redeemed: Redeemable"));

        Reply second = redeem(code, "someone-else@example.com");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("message").asText()).contains("already been used");
        // The fan who redeemed it gets their downloads again, without spending another use.
        Reply again = redeem(code, "fan@example.com");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("purchaseId")).isEqualTo(got.text("purchaseId"));
        assertThat(shop.count("SELECT uses FROM download_codes WHERE code = '" + code.replace("-", "") + "'")).isEqualTo(1);
    }

    @Test
    void twentyFansRedeemingOneCodeAtOnceLeaveExactlyOneWinner() throws Exception {
        String code = codes(release, 1, Map.of()).get(0);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Reply>> tries = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String email = "racer" + i + "@example.com";
                tries.add(pool.submit(() -> {
                    go.await();
                    return redeem(code, email);
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Reply> f : tries) {
                statuses.add(f.get().status());
            }
            assertThat(statuses).containsOnlyOnce(201).filteredOn(s -> s != 201).containsOnly(409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(shop.count("SELECT uses FROM download_codes WHERE code = '" + code.replace("-", "") + "'")).isEqualTo(1);
        assertThat(shop.count("SELECT COUNT(*) FROM purchases WHERE release_id = '" + release.id() + "'")).isEqualTo(1);
        assertThat(shop.count("SELECT COUNT(*) FROM entitlements WHERE release_id = '" + release.id() + "'")).isEqualTo(1);
    }

    @Test
    void aCodeOpensOnlyItsOwnRelease() {
        TestShop.Published other = shop.release(seller, "Not this one", "fixed");
        String code = codes(release, 1, Map.of()).get(0);
        Reply got = redeem(code, "picky@example.com");
        assertThat(got.status()).isEqualTo(201);
        assertThat(got.text("releaseId")).isEqualTo(release.id());
        assertThat(got.json().path("downloads")).hasSize(1);
        byte[] bytes = shop.download(got.json().path("downloads").get(0).path("url").asText());
        assertThat(bytes).isEqualTo(release.bytes()).isNotEqualTo(other.bytes());
        assertThat(shop.count("SELECT COUNT(*) FROM entitlements WHERE email = 'picky@example.com' AND release_id = '"
                + other.id() + "'")).isZero();
    }

    @Test
    void guessingFromOneAddressIsStoppedAfterTwentyWrongCodes() {
        String real = codes(release, 1, Map.of()).get(0);
        for (int i = 0; i < 20; i++) {
            Reply wrong = redeem("ZZZZ-ZZZ" + "23456789ABCDEFGHJKLM".charAt(i), "guesser@example.com");
            assertThat(wrong.status()).isEqualTo(404);
            assertThat(wrong.json().path("message").asText()).isEqualTo("This code is not valid. Check it and try again.");
        }
        Reply stopped = redeem(real, "guesser@example.com");
        assertThat(stopped.status()).isEqualTo(429);
        assertThat(stopped.raw().headers().firstValue("Retry-After")).isPresent();
        // A malformed code answers like an unknown one.
        shop.execute("DELETE FROM download_code_failures");
        assertThat(redeem("not a code", "guesser@example.com").json().path("message").asText())
                .isEqualTo("This code is not valid. Check it and try again.");
    }

    @Test
    void aForwardedForHeaderFromAnUntrustedPeerDoesNotMakeAFreshAddress() {
        for (int i = 0; i < 21; i++) {
            Reply wrong = shop.api.exchange(HttpRequest.newBuilder(URI.create(server.url("/redeem")))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"ZZZZ-ZZZZ\",\"email\":\"spoofer@example.com\"}"))
                    .header("Content-Type", "application/json").header("X-Forwarded-For", "198.51.100." + (i + 1))
                    .header("Forwarded", "for=198.51.100." + (i + 100)));
            assertThat(wrong.status()).isEqualTo(i < 20 ? 404 : 429);
        }
    }

    @Test
    void anExpiredCodeIsGone() {
        String code = codes(release, 1, Map.of("expiresAt", Instant.now().plusSeconds(3600).toString())).get(0);
        server.gatefold.database().jdbi().useHandle(h -> h.createUpdate("UPDATE download_codes SET expires_at = :past WHERE code = :c")
                .bind("past", Instant.now().minusSeconds(1)).bind("c", code.replace("-", "")).execute());
        Reply late = redeem(code, "late@example.com");
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.json().path("message").asText()).contains("expired");
        assertThat(shop.count("SELECT COUNT(*) FROM purchases WHERE release_id = '" + release.id() + "'")).isZero();
    }

    @Test
    void aMultiUseCodeServesThatManyFans() {
        String code = codes(release, 1, Map.of("usesPerCode", 2)).get(0);
        assertThat(redeem(code, "one@example.com").status()).isEqualTo(201);
        assertThat(redeem(code, "two@example.com").status()).isEqualTo(201);
        assertThat(redeem(code, "three@example.com").status()).isEqualTo(409);
    }

    @Test
    void theRedeemFormNeedsItsTokenAndShowsTheDownloads() {
        String code = codes(release, 1, Map.of()).get(0);
        HttpResponse<String> page = shop.send(HttpRequest.newBuilder(URI.create(server.url("/redeem?code=" + code))));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("value=\"" + code + "\"").contains("name=\"email\"");
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("gatefold_form=")).findFirst()
                .orElseThrow();
        cookie = cookie.substring(0, cookie.indexOf(';'));
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).isTrue();
        String form = "code=" + code + "&email=form%40example.com";

        HttpResponse<String> forged = postForm(cookie, form + "&csrf=wrong");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(shop.count("SELECT uses FROM download_codes WHERE code = '" + code.replace("-", "") + "'")).isZero();

        HttpResponse<String> done = postForm(cookie, form + "&csrf=" + m.group(1));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Redeemable").contains("a.bin").contains("/d/");
        HttpResponse<String> used = postForm(cookie, "code=" + code + "&email=late%40example.com&csrf=" + m.group(1));
        assertThat(used.statusCode()).isEqualTo(409);
        assertThat(used.body()).contains("already been used").contains("name=\"code\"");
    }

    HttpResponse<String> postForm(String cookie, String form) {
        return shop.send(HttpRequest.newBuilder(URI.create(server.url("/redeem")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }
}
