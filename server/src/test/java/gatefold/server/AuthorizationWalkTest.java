package gatefold.server;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every artist route with no token, a revoked token and another artist's token:
 * each answers 401 or 404 and changes nothing the owner can see.
 */
class AuthorizationWalkTest {

    static TestServer server;
    static ApiClient api;
    static ApiClient.NewArtist owner;
    static ApiClient.NewArtist stranger;
    static String revoked;
    static String release;
    static String file;
    static String upload;

    record Route(String method, String path, Object body, boolean ownsAResource) {
    }

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
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
    }

    @AfterAll
    static void stop() {
        server.close();
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
                new Route("DELETE", "/api/uploads/" + upload, null, true));
    }

    Reply call(Route route, String token) {
        if (route.method().equals("PUT")) {
            return api.put(route.path(), token, HttpRequest.BodyPublishers.ofString((String) route.body()));
        }
        return api.send(route.method(), route.path(), token, route.body());
    }

    String ownerView() {
        return api.get("/api/releases/" + release, owner.token()).body() + api.get("/api/me", owner.token()).body()
                + api.get("/api/uploads/" + upload, owner.token()).body() + api.get("/api/releases", owner.token()).body();
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
