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
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An artist makes download codes for a release, lists them and exports them for printing. */
class CodesTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();
    static final TestShop shop = new TestShop(server);

    @Test
    void fiveCodesAreMadeListedAndExportedAsCsv() {
        TestShop.Seller seller = shop.artist("Code Band");
        TestShop.Published release = shop.release(seller, "Cards", "fixed");
        Reply made = shop.api.post("/api/releases/" + release.id() + "/codes", seller.token(), Map.of("count", 5));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        assertThat(made.json()).hasSize(5);
        Set<String> codes = new HashSet<>();
        for (JsonNode code : made.json()) {
            assertThat(code.path("code").asText()).matches("[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{4}");
            assertThat(code.path("maxUses").asInt()).isEqualTo(1);
            assertThat(code.path("uses").asInt()).isZero();
            codes.add(code.path("code").asText());
        }
        assertThat(codes).hasSize(5);

        Reply listed = shop.api.get("/api/releases/" + release.id() + "/codes", seller.token());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json()).hasSize(5);

        HttpResponse<String> csv = shop.send(HttpRequest.newBuilder(URI.create(server.url("/api/releases/" + release.id() + "/codes.csv")))
                .header("Authorization", "Bearer " + seller.token()));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains("attachment"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("code,uses,maxUses,expiresAt,redeemedBy");
        assertThat(lines.subList(1, 6)).allSatisfy(line -> assertThat(line).matches("[2-9A-Z]{4}-[2-9A-Z]{4},0,1,,"));
        assertThat(lines.subList(1, 6).stream().map(l -> l.substring(0, 9))).containsExactlyInAnyOrderElementsOf(codes);
    }

    @Test
    void codesCarryTheirExpiryAndUsesAndARedeemerShowsInTheExport() {
        TestShop.Seller seller = shop.artist("Press Band");
        TestShop.Published release = shop.release(seller, "Press", "fixed");
        Instant expires = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Reply made = shop.api.post("/api/releases/" + release.id() + "/codes", seller.token(),
                Map.of("count", 1, "expiresAt", expires.toString(), "usesPerCode", 3));
        assertThat(made.status()).isEqualTo(201);
        String code = made.json().get(0).path("code").asText();
        assertThat(made.json().get(0).path("maxUses").asInt()).isEqualTo(3);
        assertThat(Instant.parse(made.json().get(0).path("expiresAt").asText())).isEqualTo(expires);

        assertThat(shop.api.post("/redeem", null, Map.of("code", code, "email", "=HYPERLINK(1)@example.com")).status()).isEqualTo(201);
        HttpResponse<String> csv = shop.send(HttpRequest.newBuilder(URI.create(server.url("/api/releases/" + release.id() + "/codes.csv")))
                .header("Authorization", "Bearer " + seller.token()));
        // A spreadsheet must not run what a fan typed as a formula.
        assertThat(csv.body().lines().toList().get(1)).isEqualTo(code + ",1,3," + expires + ",'=hyperlink(1)@example.com");
        assertThat(shop.api.get("/api/releases/" + release.id() + "/codes", seller.token()).json().get(0).path("redeemedBy").get(0).asText())
                .isEqualTo("=hyperlink(1)@example.com");
    }

    @Test
    void onlyTheReleasesArtistMakesOrSeesItsCodes() {
        TestShop.Seller owner = shop.artist("Owner Band");
        TestShop.Seller other = shop.artist("Other Band");
        TestShop.Published release = shop.release(owner, "Mine", "fixed");
        assertThat(shop.api.post("/api/releases/" + release.id() + "/codes", other.token(), Map.of("count", 1)).status()).isEqualTo(404);
        assertThat(shop.api.get("/api/releases/" + release.id() + "/codes", other.token()).status()).isEqualTo(404);
        assertThat(shop.api.get("/api/releases/" + release.id() + "/codes.csv", other.token()).status()).isEqualTo(404);
        assertThat(shop.api.post("/api/releases/" + release.id() + "/codes", null, Map.of("count", 1)).status()).isEqualTo(401);
    }

    @Test
    void batchesOutsideTheLimitsAreRefused() {
        TestShop.Seller seller = shop.artist("Limit Band");
        TestShop.Published release = shop.release(seller, "Limits", "fixed");
        String path = "/api/releases/" + release.id() + "/codes";
        assertThat(shop.api.post(path, seller.token(), Map.of("count", 0)).status()).isEqualTo(422);
        assertThat(shop.api.post(path, seller.token(), Map.of("count", 10_001)).status()).isEqualTo(422);
        assertThat(shop.api.post(path, seller.token(), Map.of()).status()).isEqualTo(422);
        assertThat(shop.api.post(path, seller.token(), Map.of("count", 1, "usesPerCode", 0)).status()).isEqualTo(422);
        Reply past = shop.api.post(path, seller.token(), Map.of("count", 1, "expiresAt", "2020-01-01T00:00:00Z"));
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.json().path("message").asText()).contains("future");
        assertThat(shop.api.get(path, seller.token()).json()).isEmpty();
    }

    @Test
    void aBigBatchIsMadeInOneGoAndEveryCodeIsDistinct() {
        TestShop.Seller seller = shop.artist("Tour Band");
        TestShop.Published release = shop.release(seller, "Tour", "fixed");
        Reply made = shop.api.post("/api/releases/" + release.id() + "/codes", seller.token(), Map.of("count", 10_000));
        assertThat(made.status()).isEqualTo(201);
        Set<String> codes = new HashSet<>();
        made.json().forEach(c -> codes.add(c.path("code").asText()));
        assertThat(codes).hasSize(10_000);
        assertThat(shop.count("SELECT COUNT(*) FROM download_codes WHERE release_id = '" + release.id() + "'")).isEqualTo(10_000);
    }
}
