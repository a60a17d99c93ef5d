package gatefold.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.server.common.Refusal;
import gatefold.server.delivery.DeliveryFixtures.Bought;
import gatefold.server.http.ErrorPages;
import gatefold.storage.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile links: mutated, truncated, re-signed with a wrong key, algorithm-confused,
 * kid-swapped and expired tokens. None is ever accepted, and none makes the server fail:
 * 100,000 against the one click decision in process, and thousands over HTTP against the
 * Jetty fast path and the route.
 */
class LinkFuzzTest {

    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    static final Base64.Decoder DECODE = Base64.getUrlDecoder();
    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/% ";
    static TestServer server;
    static Bought bought;
    static String token;
    static Deliveries deliveries;

    @BeforeAll
    static void start() {
        S3ProxyServer s3 = S3ProxyServer.shared();
        server = TestServer.start(DeliveryFixtures.env(s3, s3.createFreshBucket()));
        bought = DeliveryFixtures.buy(server, new ApiClient(server), "fuzz@example.com", 1000);
        token = bought.link().substring(bought.link().indexOf("/d/") + 3);
        deliveries = server.gatefold.services().delivery().deliveries();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A token made from parts: a JSON header and claims, signed with the given key (or not at all). */
    static String forge(String headerJson, String claimsJson, byte[] key) throws Exception {
        String input = B64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        if (key == null) {
            return input + ".";
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    static String mutate(Random random, String base) throws Exception {
        String[] parts = base.split("\\.", -1);
        String header = new String(DECODE.decode(parts[0]), StandardCharsets.UTF_8);
        String claims = new String(DECODE.decode(parts[1]), StandardCharsets.UTF_8);
        byte[] wrongKey = new byte[32];
        random.nextBytes(wrongKey);
        long past = Instant.now().minusSeconds(60).getEpochSecond();
        return switch (random.nextInt(12)) {
            case 0, 1, 2 -> flip(random, base, 1 + random.nextInt(3));
            case 3 -> base.substring(0, random.nextInt(base.length()));
            case 4 -> forge(header, claims, wrongKey);
            case 5 -> forge(header.replace("HS256", random.nextBoolean() ? "none" : "HS512"), claims, null);
            case 6 -> forge(header.replace("HS256", pick(random, "none", "HS384", "RS256", "hs256", "")), claims, wrongKey);
            case 7 -> forge(header.replaceAll("\"kid\":\"[^\"]*\"", "\"kid\":\"" + pick(random, "", "x", "../../etc", "0", "null")
                    + "\""), claims, wrongKey);
            case 8 -> forge(header, claims.replaceAll("\"exp\":\\d+", "\"exp\":" + past), wrongKey);
            case 9 -> forge(header, claims.replaceAll("\"e\":\"[^\"]*\"", "\"e\":\"ent_other\""), wrongKey);
            case 10 -> base + pick(random, ".", "..", ".x", "%00", "\u0000", "é");
            default -> parts[0] + "." + parts[1] + "." + flip(random, parts[2], 1);
        };
    }

    static String flip(Random random, String s, int times) {
        StringBuilder b = new StringBuilder(s);
        for (int i = 0; i < times && b.length() > 0; i++) {
            int at = random.nextInt(b.length());
            char replacement;
            do {
                replacement = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            } while (replacement == b.charAt(at));
            b.setCharAt(at, replacement);
        }
        return b.toString();
    }

    static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    @Test
    void aHundredThousandHostileLinksAreAllRefusedByTheClickDecision() throws Exception {
        Random random = new Random(20261206);
        int refused = 0;
        for (int i = 0; i < 100_000; i++) {
            String hostile = mutate(random, token);
            if (hostile.equals(token)) {
                continue;
            }
            ClickDecision decision = deliveries.decide(Click.plain(hostile, random.nextBoolean(), "fuzz", "127.0.0.1", Instant.now()));
            assertThat(decision).as(hostile).isInstanceOf(ClickDecision.Refused.class);
            Refusal why = ((ClickDecision.Refused) decision).refusal();
            assertThat(ErrorPages.status(why)).as(hostile).isIn(403, 404, 410);
            refused++;
        }
        assertThat(refused).isGreaterThan(99_000);
        // The genuine link still works after all that.
        assertThat(deliveries.decide(Click.plain(token, false, "fan", "127.0.0.1", Instant.now())))
                .isInstanceOf(ClickDecision.Redirect.class);
    }

    @Test
    void thousandsOfHostileLinksOverHttpGetOnlyRefusalsFromTheFastPathAndTheRoute() throws Exception {
        Random random = new Random(7);
        String base = bought.link().substring(0, bought.link().indexOf("/d/") + 3);
        List<String> unexpected = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            String hostile = mutate(random, token);
            String path = hostile.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "-_.".indexOf(c) >= 0))
                    ? hostile : java.net.URLEncoder.encode(hostile, StandardCharsets.UTF_8).replace("+", "%20");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
            if (i % 2 == 1) {
                // A range sends the click past the fast path to the route.
                request.header("Range", "bytes=0-");
            }
            int status = DeliveryFixtures.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (!hostile.equals(token) && (status < 400 || status >= 500)) {
                unexpected.add(status + " " + hostile);
            }
        }
        assertThat(unexpected).isEmpty();
    }
}
