package gatefold.server;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Walks every artist route with no token, a revoked token and another artist's token:
 * each answers 401 or 404 and changes nothing the owner can see.
 */
class AuthorizationWalkTest {

    @RegisterExtension
    static final TestServer server = TestServer.start(Map.of("GATEFOLD_WEBHOOKS_ALLOW_PRIVATE", "true"));
    static final ApiClient api = new ApiClient(server);
    static ApiClient.NewArtist owner;
    static ApiClient.NewArtist stranger;
    static String revoked;
    static String release;
    static String file;
    static String upload;
    static String purchase;
    static String discount;
    static String webhook;
    static String published;
    static String bundle;

    record Route(String method, String template, String path, Object body, boolean ownsAResource) {
        Route(String method, String path, Object body, boolean ownsAResource) {
            this(method, path.replace(release, "{id}").replace(file, "{fileId}").replace(upload, "{uploadId}")
                    .replace(purchase, "{id}").replace(discount, "{id}").replace(webhook, "{id}").replace(bundle, "{id}")
                    .replace("tok_AAAAAAAAAAAAAAAAAAAAAA", "{id}").replace("/files/evil.pdf", "/files/{name}").replaceAll("/parts/1$", "/parts/{n}"), path, body, ownsAResource);
        }
    }

    /** Open on purpose: signing up (admin or open signup), signing in, and the admin's own calls. */
    static final java.util.Set<String> NOT_ARTIST_ROUTES = java.util.Set.of("POST /api/artists", "PATCH /api/artists/{id}",
            "POST /api/tokens", "GET /api/admin/outbox", "POST /api/admin/outbox/{id}/sent",
            "POST /api/admin/backup", "GET /api/admin/export", "POST /api/admin/import",
            "GET /api/admin/fans/{email}/data", "POST /api/admin/fans/{email}/erase");

    @BeforeAll
    static void start() {
        owner = api.newArtist("Owner", "owner@example.com");
        stranger = api.newArtist("Stranger", "stranger@example.com");
        Reply extra = api.post("/api/tokens", null, Map.of("email", "owner@example.com", "password", "correct horse battery"));
        revoked = extra.text("apiToken");
        assertThat(api.delete("/api/tokens/" + extra.text("id"), owner.token()).status()).isEqualTo(204);
        release = api.newRelease(owner.token(), Map.of("title", "Private Album", "kind", "other", "pricing", "fixed", "price", "5.00"));
        file = api.put("/api/releases/" + release + "/files/liner.pdf", owner.token(),
                HttpRequest.BodyPublishers.ofByteArray("%PDF-1.4 notes".getBytes())).text("id");
        upload = api.post("/api/releases/" + release + "/uploads", owner.token(),
                Map.of("name", "big.pdf", "size", 20_000_000, "contentType", "application/pdf")).text("uploadId");
        purchase = api.post("/api/releases/" + release + "/purchases", owner.token(), Map.of("email", "fan@example.com")).text("id");
        discount = api.post("/api/discounts", owner.token(), Map.of("code", "OWNERS", "percentOff", 10)).text("id");
        webhook = api.post("/api/webhooks", owner.token(), Map.of("url", "http://127.0.0.1:9/hook")).text("id");
        assertThat(api.post("/api/releases/" + release + "/codes", owner.token(), Map.of("count", 2)).status()).isEqualTo(201);
        published = api.newRelease(owner.token(), Map.of("title", "Public Single", "kind", "other", "pricing", "free"));
        api.put("/api/releases/" + published + "/files/a.pdf", owner.token(), HttpRequest.BodyPublishers.ofByteArray("%PDF-1.4 a".getBytes()));
        assertThat(api.post("/api/releases/" + published + "/publish", owner.token(), null).status()).isEqualTo(200);
        bundle = api.post("/api/bundles", owner.token(), Map.of("title", "Box", "price", "1.00", "releaseIds", List.of(published)))
                .text("id");
        assertThat(List.of(release, file, upload, purchase, discount, webhook, bundle)).allMatch(id -> id.length() > 4);
    }

    static List<Route> routes() {
        String r = "/api/releases/" + release;
        return List.of(
                new Route("GET", "/api/me", null, false),
                new Route("PATCH", "/api/me", Map.of("bio", "hijacked"), false),
                new Route("GET", "/api/tokens", null, false),
                new Route("DELETE", "/api/tokens/tok_AAAAAAAAAAAAAAAAAAAAAA", null, false),
                new Route("POST", "/api/releases", Map.of("title", "x", "kind", "music", "pricing", "free"), false),
                new Route("GET", "/api/releases", null, false),
                new Route("GET", r, null, true),
                new Route("PATCH", r, Map.of("title", "Hijacked"), true),
                new Route("DELETE", r, null, true),
                new Route("POST", r + "/publish", null, true),
                new Route("GET", r + "/files", null, true),
                new Route("PUT", r + "/files/evil.pdf", "%PDF-1.4 evil", true),
                new Route("GET", r + "/files/" + file, null, true),
                new Route("PATCH", r + "/files/" + file, Map.of("name", "renamed.pdf"), true),
                new Route("DELETE", r + "/files/" + file, null, true),
                new Route("POST", r + "/uploads", Map.of("name", "x.pdf", "size", 10, "contentType", "application/pdf"), true),
                new Route("GET", "/api/uploads/" + upload, null, true),
                new Route("POST", "/api/uploads/" + upload + "/parts/1", null, true),
                new Route("POST", "/api/uploads/" + upload + "/complete", Map.of("parts", List.of()), true),
                new Route("DELETE", "/api/uploads/" + upload, null, true),
                new Route("GET", r + "/downloads", null, true),
                new Route("GET", r + "/formats", null, true),
                new Route("POST", r + "/formats/retry", null, true),
                new Route("GET", r + "/stamping", null, true),
                new Route("PATCH", r + "/stamping", Map.of("wording", "Hijacked for EMAIL"), true),
                new Route("GET", r + "/previews", null, true),
                new Route("PUT", r + "/tracks/" + file + "/preview", Map.of("mode", "none"), true),
                new Route("GET", r + "/film", null, true),
                new Route("PUT", r + "/film", Map.of("streamOnly", true), true),
                new Route("POST", r + "/rentals", Map.of("email", "x@example.com"), true),
                new Route("POST", r + "/purchases", Map.of("email", "x@example.com"), true),
                new Route("GET", "/api/purchases", null, false),
                new Route("GET", "/api/purchases.csv", null, false),
                new Route("GET", "/api/purchases/" + purchase, null, true),
                new Route("POST", "/api/purchases/" + purchase + "/refund", null, true),
                new Route("POST", "/api/purchases/" + purchase + "/revoke", null, true),
                new Route("GET", "/api/sales/totals", null, false),
                new Route("GET", "/api/me/payments", null, false),
                new Route("PUT", "/api/me/payments", "{\"offlineOnly\": true}", false),
                new Route("GET", "/api/me/seller", null, false),
                new Route("PUT", "/api/me/seller", Map.of("legalName", "Hijacker", "address", "Nowhere", "invoices", true), false),
                new Route("GET", "/api/me/tax-rates", null, false),
                new Route("PUT", "/api/me/tax-rates", List.of(Map.of("country", "DE", "rate", "99")), false),
                new Route("POST", "/api/me/tax-rates.csv", "DE,98,VAT", false),
                new Route("GET", "/api/me/tax-report.csv", null, false),
                new Route("POST", "/api/discounts", Map.of("code", "STEAL", "percentOff", 100), false),
                new Route("GET", "/api/discounts", null, false),
                new Route("DELETE", "/api/discounts/" + discount, null, true),
                new Route("POST", "/api/webhooks", Map.of("url", "http://127.0.0.1:9/evil"), false),
                new Route("GET", "/api/webhooks", null, false),
                new Route("DELETE", "/api/webhooks/" + webhook, null, true),
                new Route("GET", "/api/webhooks/" + webhook + "/deliveries", null, true),
                new Route("POST", r + "/codes", Map.of("count", 5), true),
                new Route("GET", r + "/codes", null, true),
                new Route("GET", r + "/codes.csv", null, true),
                new Route("GET", "/api/followers", null, false),
                new Route("GET", "/api/followers.csv", null, false),
                new Route("POST", "/api/followers/import", Map.of("emails", List.of("x@example.com"), "consent", true), false),
                new Route("POST", "/api/announcements", Map.of("subject", "Hijacked", "body", "Buy elsewhere"), false),
                new Route("POST", "/api/bundles", Map.of("title", "Stolen", "price", "0.10", "releaseIds", List.of(published)), true),
                new Route("GET", "/api/bundles", null, false),
                new Route("GET", "/api/bundles/" + bundle, null, true),
                new Route("PUT", "/api/bundles/" + bundle, Map.of("title", "Stolen", "price", "0.10", "releaseIds", List.of(published)), true),
                new Route("DELETE", "/api/bundles/" + bundle, null, true),
                new Route("PUT", "/api/releases/{id}/subtitles/{file}", r + "/subtitles/film.en.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nx\n", true),
                new Route("DELETE", "/api/releases/{id}/subtitles/{language}", r + "/subtitles/en", null, true),
                new Route("GET", "/api/fans/{email}/data", "/api/fans/fan@example.com/data", null, true),
                new Route("POST", "/api/fans/{email}/erase", "/api/fans/fan@example.com/erase", null, true),
                new Route("POST", "/api/moved-mail", null, false),
                new Route("GET", "/api/moved-mail/{id}", "/api/moved-mail/mov_nothing", null, false),
                new Route("POST", r + "/buyers", "email\nsneaky@example.com\n", true),
                new Route("GET", "/api/export", null, false),
                new Route("POST", "/api/export", null, false));
    }

    Reply call(Route route, String token) {
        if (route.method().equals("PUT") && (route.path().contains("/files/") || route.path().contains("/subtitles/"))) {
            return api.put(route.path(), token, HttpRequest.BodyPublishers.ofString((String) route.body()));
        }
        return api.send(route.method(), route.path(), token, route.body());
    }

    String ownerView() {
        return String.join("\n", api.get("/api/releases/" + release, owner.token()).body(), api.get("/api/me", owner.token()).body(),
                api.get("/api/uploads/" + upload, owner.token()).body(), api.get("/api/releases", owner.token()).body(),
                api.get("/api/purchases", owner.token()).body(), api.get("/api/discounts", owner.token()).body(),
                api.get("/api/webhooks", owner.token()).body(), api.get("/api/me/payments", owner.token()).body(),
                api.get("/api/me/seller", owner.token()).body(), api.get("/api/me/tax-rates", owner.token()).body(),
                api.get("/api/releases/" + release + "/codes", owner.token()).body(),
                api.get("/api/followers", owner.token()).body(), api.get("/api/bundles", owner.token()).body());
    }

    @Test
    void theWalkCoversEveryArtistRouteTheServerHas() {
        java.util.Set<String> walked = new java.util.HashSet<>();
        routes().forEach(r -> walked.add(r.method() + " " + r.template()));
        java.util.List<String> missing = server.gatefold.routes().stream()
                .filter(r -> r.contains(" /api/") && !NOT_ARTIST_ROUTES.contains(r))
                .filter(r -> !walked.contains(r)).toList();
        assertThat(missing).as("artist routes the authorization walk does not cover").isEmpty();
    }

    @Test
    void everyArtistRouteRefusesMissingRevokedAndForeignTokensAndChangesNothing() {
        String before = ownerView();
        int strangerReleases = api.get("/api/releases", stranger.token()).json().size();
        for (Route route : routes()) {
            for (String token : new String[] {null, revoked, "gft_made-up-token", "Basic b3duZXI="}) {
                Reply reply = call(route, token);
                assertThat(reply.status()).as(route + " with " + token).isEqualTo(401);
                assertThat(reply.text("error")).isEqualTo("unauthorized");
            }
            if (route.ownsAResource()) {
                Reply foreign = call(route, stranger.token());
                assertThat(foreign.status()).as(route + " with another artist's token").isEqualTo(404);
                assertThat(foreign.body()).doesNotContain("Private Album");
            }
        }
        assertThat(ownerView()).isEqualTo(before);
        assertThat(api.get("/api/releases", stranger.token()).json().size()).isEqualTo(strangerReleases);
    }

    @Test
    void adminRoutesRefuseArtistTokens() {
        Reply reply = api.patch("/api/artists/" + owner.id(), owner.token(), Map.of("storageQuotaBytes", 1));
        assertThat(reply.status()).isEqualTo(401);
        Reply create = api.post("/api/artists", owner.token(), Map.of("name", "Sneaky", "email", "sneaky@example.com"));
        assertThat(create.status()).isEqualTo(401);
        assertThat(api.get("/api/admin/export", owner.token()).status()).isEqualTo(401);
        assertThat(api.post("/api/admin/import", owner.token(), "not an archive").status()).isEqualTo(401);
        assertThat(api.get("/api/admin/fans/fan@example.com/data", owner.token()).status()).isEqualTo(401);
        assertThat(api.post("/api/admin/fans/fan@example.com/erase", owner.token(), null).status()).isEqualTo(401);
    }

    @Test
    void storeLinksWithoutAValidSignatureAreRefused() {
        Reply part = api.post("/api/uploads/" + upload + "/parts/1", owner.token(), null);
        String url = part.text("url");
        String tampered = url.replace("partNumber=1", "partNumber=2");
        Reply forged = api.exchange(HttpRequest.newBuilder(URI.create(tampered)).PUT(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(forged.status()).isEqualTo(403);
        Reply unsigned = api.exchange(HttpRequest.newBuilder(URI.create(server.url("/blobs/artists/anything"))).GET());
        assertThat(unsigned.status()).isEqualTo(403);
    }
}
