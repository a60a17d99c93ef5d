package gatefold.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.server.security.MasterKey;
import gatefold.server.security.SecretBox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a link will and will not open: forgeries, expiry, rotation, and the download allowance. */
class LinkSecurityTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();
    static final ApiClient api = new ApiClient(server);
    static LinkKeys keys;
    static int counter;
    static final HttpClient http = HttpClient.newHttpClient();
    String token;
    String release;
    String link;
    String entitlementId;
    String fileId;

    @BeforeAll
    static void start() {
        keys = new LinkKeys(server.gatefold.database().jdbi(), new SecretBox(MasterKey.load(Optional.empty(), server.dataDir)));
        keys.ensure();
    }

    @BeforeEach
    void aFanBoughtAnEp() {
        counter++;
        token = api.newArtist("Links " + counter, "links" + counter + "@example.com").token();
        release = api.newRelease(token, Map.of("title", "EP", "kind", "other", "pricing", "fixed", "price", "3.00"));
        byte[] bytes = new byte[200_000];
        new Random(counter).nextBytes(bytes);
        fileId = api.put("/api/releases/" + release + "/files/ep.bin", token, HttpRequest.BodyPublishers.ofByteArray(bytes)).text("id");
        Reply purchase = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "fan@example.com"));
        link = purchase.json().path("downloads").get(0).path("url").asText();
        entitlementId = server.gatefold.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT entitlement_id FROM purchases WHERE id = :id").bind("id", purchase.text("id")).mapTo(String.class).one());
    }

    static int status(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    String tokenOf(String url) {
        return url.substring(url.indexOf("/d/") + 3);
    }

    String linkTo(String jws) {
        return server.url("/d/" + jws);
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    String signWith(byte[] secret, String kid, Instant expires) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("e", entitlementId).claim("f", fileId).claim("o", "original")
                .expirationTime(Date.from(expires)).jwtID("x").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    @Test
    void tamperedTokensAreRefusedWithoutSayingWhy() throws Exception {
        String jws = tokenOf(link);
        String[] parts = jws.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forgedPayload = b64(payload.replace(fileId, "fil_AAAAAAAAAAAAAAAAAAAAAA"));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = parts[2].charAt(parts[2].length() - 1);
        // The same 32 bytes spelled differently: only the last character's unused low bits change.
        String respelled = parts[2].substring(0, parts[2].length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertThat(Base64.getUrlDecoder().decode(respelled)).isEqualTo(Base64.getUrlDecoder().decode(parts[2]));
        List<String> forgeries = List.of(
                parts[0] + "." + parts[1] + "." + respelled,
                parts[0] + "." + forgedPayload + "." + parts[2],
                parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2) + "AA",
                parts[0] + "." + parts[1] + ".",
                "not-a-token",
                "a.b.c",
                jws + "x");
        for (String forged : forgeries) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(linkTo(forged))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as(forged).isIn(403, 404);
            assertThat(res.body()).doesNotContain("signature").doesNotContain("Exception");
        }
        assertThat(status(link)).isEqualTo(200);
    }

    @Test
    void algNoneWrongKeysUnknownKidsAndAlgorithmConfusionAreRefused() throws Exception {
        String kid = keys.signingKey().kid();
        String claims = "{\"e\":\"" + entitlementId + "\",\"f\":\"" + fileId + "\",\"o\":\"original\",\"exp\":"
                + Instant.now().plusSeconds(3600).getEpochSecond() + "}";
        assertThat(status(linkTo(b64("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}") + "." + b64(claims) + "."))).isEqualTo(403);
        assertThat(status(linkTo(b64("{\"alg\":\"none\"}") + "." + b64(claims) + "."))).isEqualTo(403);
        byte[] wrong = new byte[32];
        new Random(7).nextBytes(wrong);
        assertThat(status(linkTo(signWith(wrong, kid, Instant.now().plusSeconds(3600))))).isEqualTo(403);
        assertThat(status(linkTo(signWith(keys.signingKey().secret(), "unknown-kid", Instant.now().plusSeconds(3600))))).isEqualTo(403);
        // The right key, but a header claiming another algorithm: verification pins HS256.
        String genuine = signWith(keys.signingKey().secret(), kid, Instant.now().plusSeconds(3600));
        String[] parts = genuine.split("\\.");
        assertThat(status(linkTo(b64("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}") + "." + parts[1] + "." + parts[2]))).isEqualTo(403);
        assertThat(status(linkTo(genuine))).isEqualTo(200);
        // Correctly signed, but with a header or claims a link never has.
        byte[] secret = keys.signingKey().secret();
        String header = "{\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}";
        assertThat(status(linkTo(hs256(header, claims, secret)))).isEqualTo(200);
        assertThat(status(linkTo(hs256("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\",\"crit\":[\"exp\"]}", claims, secret)))).isEqualTo(403);
        assertThat(status(linkTo(hs256("{\"alg\":\"HS256\",\"kid\":7}", claims, secret)))).isEqualTo(403);
        assertThat(status(linkTo(hs256("[\"HS256\"]", claims, secret)))).isEqualTo(403);
        assertThat(status(linkTo(hs256(header, claims.replace("\"exp\":", "\"exp\":\"soon\",\"x\":"), secret)))).isEqualTo(403);
        assertThat(status(linkTo(hs256(header, claims.replace("\"e\":", "\"entitlement\":"), secret)))).isEqualTo(403);
        assertThat(status(linkTo(hs256(header, "not json", secret)))).isEqualTo(403);
        assertThat(status(linkTo(hs256(header, claims, secret) + ".extra"))).isEqualTo(403);
    }

    /** Signs any header and claims with HMAC-SHA256, the way only a holder of the key could. */
    static String hs256(String header, String claims, byte[] secret) throws Exception {
        String input = b64(header) + "." + b64(claims);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void anExpiredLinkAnswers410AndTellsTheFanWhereToGetAFreshOne() throws Exception {
        String expired = signWith(keys.signingKey().secret(), keys.signingKey().kid(), Instant.now().minusSeconds(5));
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(linkTo(expired))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(410);
        assertThat(res.body()).contains("/library");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(linkTo(expired))).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("<html").contains("/library");
    }

    @Test
    void rotatingKeysKeepsOldLinksWorkingAndSignsNewOnesWithTheNewKey() throws Exception {
        String oldKid = keys.signingKey().kid();
        String newKid = keys.rotate(Duration.ofDays(7));
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(status(link)).isEqualTo(200);
        // A link signed with the new key by another instance opens here at once.
        assertThat(status(linkTo(signWith(keys.signingKey().secret(), newKid, Instant.now().plusSeconds(60))))).isEqualTo(200);
        String header = new String(Base64.getUrlDecoder().decode(tokenOf(link).split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).contains(oldKid);
    }

    @Test
    void fiftySimultaneousFirstRequestsWithALimitOfFiveYieldExactlyFiveDownloads() throws Exception {
        assertThat(api.patch("/api/releases/" + release, token, Map.of("downloadLimit", 5)).status()).isEqualTo(200);
        List<CompletableFuture<HttpResponse<Void>>> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(http.sendAsync(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.discarding()));
        }
        int ok = 0;
        int refused = 0;
        for (CompletableFuture<HttpResponse<Void>> f : all) {
            int code = f.get().statusCode();
            if (code == 200) {
                ok++;
            } else if (code == 403) {
                refused++;
            }
        }
        // Five downloads, each with the two free whole re-requests its resume window allows.
        assertThat(ok).isEqualTo(15);
        assertThat(refused).isEqualTo(35);
        HttpResponse<String> limited = http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(limited.body()).contains("download_limit").contains("Ask the artist");
        // Every window has handed out all it may, so a range is a new download, and refused; HEAD stays free.
        assertThat(status(link, "Range", "bytes=1000-")).isEqualTo(403);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(link)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        Reply stats = api.get("/api/releases/" + release + "/downloads", token);
        assertThat(stats.json().path("files").get(0).path("downloads").asLong()).isEqualTo(5);
        assertThat(stats.json().path("days").get(0).path("downloads").asLong()).isEqualTo(5);
    }

    @Test
    void onlyDownloadsStartingAtByteZeroCount() throws Exception {
        assertThat(status(link)).isEqualTo(200);
        assertThat(status(link, "Range", "bytes=0-99")).isEqualTo(206);
        assertThat(status(link, "Range", "bytes=100-")).isEqualTo(206);
        assertThat(status(link, "Range", "bytes=-100")).isEqualTo(206);
        // The log and the counts of a release without a limit are written in batches; reading the
        // statistics writes what is waiting.
        assertThat(api.get("/api/releases/" + release + "/downloads", token).status()).isEqualTo(200);
        assertThat(new DownloadCounter(server.gatefold.database().jdbi()).downloads(entitlementId, fileId)).isEqualTo(2);
        // Within a minute the four requests are two rows: the two that counted, and the two that did not.
        List<String> hashes = server.gatefold.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT ip_hash FROM download_log WHERE entitlement_id = :e").bind("e", entitlementId).mapTo(String.class).list());
        assertThat(hashes).hasSize(2).allMatch(v -> v.length() == 64 && !v.contains("127.0.0.1"));
    }

    @Test
    void statisticsAreTheArtistsAlone() {
        String other = api.newArtist("Nosy " + counter, "nosy" + counter + "@example.com").token();
        assertThat(api.get("/api/releases/" + release + "/downloads", other).status()).isEqualTo(404);
        assertThat(api.get("/api/releases/" + release + "/downloads", null).status()).isEqualTo(401);
    }
}
