package gatefold.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountsTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();
    static final ApiClient api = new ApiClient(server);

    int artistCount() {
        return server.gatefold.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM artists").mapTo(Integer.class).one());
    }

    @Test
    void creatingAnArtistNeedsTheAdminTokenWhileSignupIsClosed() {
        int before = artistCount();
        Reply anonymous = api.post("/api/artists", null, Map.of("name", "Nobody", "email", "nobody@example.com"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.text("error")).isEqualTo("unauthorized");
        Reply wrongToken = api.post("/api/artists", "gfa_not-the-admin-token", Map.of("name", "Nobody", "email", "nobody@example.com"));
        assertThat(wrongToken.status()).isEqualTo(401);
        assertThat(artistCount()).isEqualTo(before);

        Reply created = api.post("/api/artists", api.adminToken(), Map.of("name", "Ada Lovelace Trio", "email", "ada@example.com"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("slug")).isEqualTo("ada-lovelace-trio");
        assertThat(created.text("id")).startsWith("art_");
        assertThat(created.text("apiToken")).startsWith("gft_");
        assertThat(api.get("/api/me", created.text("apiToken")).text("email")).isEqualTo("ada@example.com");
    }

    @Test
    void openSignupLetsAnyoneCreateAnArtist() {
        try (TestServer open = TestServer.start(Map.of("GATEFOLD_OPEN_SIGNUP", "true"))) {
            Reply created = new ApiClient(open).post("/api/artists", null,
                    Map.of("name", "Open Door", "email", "door@example.com", "password", "long enough password"));
            assertThat(created.status()).isEqualTo(201);
            // Strangers get a storage quota by default (10 GB), so open signup cannot fill the disk.
            assertThat(new ApiClient(open).get("/api/me", created.text("apiToken")).json().path("storageQuotaBytes").asLong())
                    .isEqualTo(10_000_000_000L);
        }
    }

    @Test
    void theDefaultQuotaIsForArtistsWhoSignUpThemselvesNotForThoseTheOperatorCreates() {
        try (TestServer open = TestServer.start(Map.of("GATEFOLD_OPEN_SIGNUP", "true", "GATEFOLD_DEFAULT_QUOTA_GB", "2"))) {
            ApiClient client = new ApiClient(open);
            String stranger = client.post("/api/artists", null,
                    Map.of("name", "Walk In", "email", "walkin@example.com", "password", "long enough password")).text("apiToken");
            assertThat(client.get("/api/me", stranger).json().path("storageQuotaBytes").asLong()).isEqualTo(2_000_000_000L);
            String release = client.newRelease(stranger, Map.of("title", "Big", "kind", "film", "pricing", "free"));
            Reply tooBig = client.post("/api/releases/" + release + "/uploads", stranger,
                    Map.of("name", "master.mp4", "size", 2_000_000_001L, "contentType", "video/mp4"));
            assertThat(tooBig.status()).isEqualTo(413);
            assertThat(tooBig.text("error")).isEqualTo("quota_exceeded");

            String invited = client.newArtist("Invited", "invited@example.com").token();
            assertThat(client.get("/api/me", invited).json().path("storageQuotaBytes").isNull()).isTrue();
        }
        try (TestServer unlimited = TestServer.start(Map.of("GATEFOLD_OPEN_SIGNUP", "true", "GATEFOLD_DEFAULT_QUOTA_GB", "unlimited"))) {
            ApiClient client = new ApiClient(unlimited);
            String stranger = client.post("/api/artists", null,
                    Map.of("name", "Free Range", "email", "free@example.com", "password", "long enough password")).text("apiToken");
            assertThat(client.get("/api/me", stranger).json().path("storageQuotaBytes").isNull()).isTrue();
        }
    }

    @Test
    void slugsTransliterateAndCollisionsGetASuffix() {
        assertThat(api.newArtist("Sigur Rós", "sr1@example.com").slug()).isEqualTo("sigur-ros");
        assertThat(api.newArtist("Sigur Rós", "sr2@example.com").slug()).isEqualTo("sigur-ros-2");
        assertThat(api.newArtist("Мумий Тролль", "mt@example.com").slug()).isEqualTo("mumiy-troll");
        assertThat(api.newArtist("Ærøskøbing Straße", "ae@example.com").slug()).isEqualTo("aeroskobing-strasse");
        assertThat(api.newArtist("!!!", "bang@example.com").slug()).isEqualTo("artist");
    }

    @Test
    void aSecondArtistWithTheSameEmailIsRefused() {
        api.newArtist("Twin", "twin@example.com");
        int before = artistCount();
        Reply again = api.post("/api/artists", api.adminToken(), Map.of("name", "Twin Again", "email", "TWIN@example.com"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(artistCount()).isEqualTo(before);
    }

    @Test
    void passwordsAreStoredAsArgon2idAndTokensOnlyAsHashes() {
        ApiClient.NewArtist artist = api.newArtist("Hash Check", "hash@example.com");
        String stored = server.gatefold.database().jdbi().withHandle(h ->
                h.createQuery("SELECT password_hash FROM artists WHERE id = :id").bind("id", artist.id()).mapTo(String.class).one());
        assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct horse");
        List<String> tokenColumns = server.gatefold.database().jdbi().withHandle(h ->
                h.createQuery("SELECT token_hash FROM api_tokens").mapTo(String.class).list());
        assertThat(tokenColumns).noneMatch(v -> v.contains(artist.token().substring(4)));
    }

    @Test
    void tokensAreIssuedByPasswordListedAndRevocable() {
        ApiClient.NewArtist artist = api.newArtist("Token Keeper", "tokens@example.com");
        Reply issued = api.post("/api/tokens", null, Map.of("email", "tokens@example.com", "password", "correct horse battery",
                "label", "laptop"));
        assertThat(issued.status()).isEqualTo(201);
        String second = issued.text("apiToken");
        assertThat(second).startsWith("gft_").hasSizeGreaterThanOrEqualTo(4 + 43);
        assertThat(api.get("/api/me", second).status()).isEqualTo(200);

        Reply listed = api.get("/api/tokens", artist.token());
        assertThat(listed.json()).hasSize(2);
        assertThat(listed.body()).doesNotContain(second).doesNotContain("hash");

        assertThat(api.delete("/api/tokens/" + issued.text("id"), artist.token()).status()).isEqualTo(204);
        assertThat(api.get("/api/me", second).status()).isEqualTo(401);
        assertThat(api.get("/api/me", artist.token()).status()).isEqualTo(200);
        assertThat(api.delete("/api/tokens/" + issued.text("id"), artist.token()).status()).isEqualTo(404);
    }

    @Test
    void wrongPasswordsAreRateLimitedPerAccount() {
        api.newArtist("Guarded", "guarded@example.com");
        for (int i = 0; i < LoginLimiter.PER_ACCOUNT; i++) {
            Reply wrong = api.post("/api/tokens", null, Map.of("email", "guarded@example.com", "password", "wrong password " + i));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.text("message")).isEqualTo("Email or password is wrong.");
        }
        Reply limited = api.post("/api/tokens", null, Map.of("email", "guarded@example.com", "password", "correct horse battery"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.raw().headers().firstValue("Retry-After")).isPresent();
        // An unknown email answers exactly like a wrong password.
        Reply unknown = api.post("/api/tokens", null, Map.of("email", "nobody-here@example.com", "password", "whatever it is"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.text("message")).isEqualTo("Email or password is wrong.");
    }

    @Test
    void patchMeChangesOnlyWhatItNames() {
        ApiClient.NewArtist artist = api.newArtist("Profile Person", "profile@example.com");
        Reply patched = api.patch("/api/me", artist.token(), Map.of("bio", "Field recordings from the coast."));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.text("bio")).isEqualTo("Field recordings from the coast.");
        assertThat(patched.text("name")).isEqualTo("Profile Person");
        assertThat(patched.text("defaultCurrency")).isEqualTo("EUR");

        Reply more = api.patch("/api/me", artist.token(), Map.of("defaultCurrency", "USD",
                "links", List.of("https://example.com/band")));
        assertThat(more.text("defaultCurrency")).isEqualTo("USD");
        assertThat(more.json().path("links").get(0).asText()).isEqualTo("https://example.com/band");
        assertThat(more.text("bio")).isEqualTo("Field recordings from the coast.");
    }

    @Test
    void badProfileInputIsRefusedAndChangesNothing() {
        ApiClient.NewArtist artist = api.newArtist("Careful", "careful@example.com");
        assertThat(api.patch("/api/me", artist.token(), Map.of("defaultCurrency", "XYZ")).status()).isEqualTo(422);
        assertThat(api.patch("/api/me", artist.token(), Map.of("links", List.of("javascript:alert(1)"))).status()).isEqualTo(422);
        assertThat(api.patch("/api/me", artist.token(), Map.of("name", "x".repeat(10_000))).status()).isEqualTo(422);
        assertThat(api.patch("/api/me", artist.token(), Map.of("slug", "../etc")).status()).isEqualTo(422);
        assertThat(api.patch("/api/me", artist.token(), Map.of("password", "new password please")).status()).isEqualTo(403);
        assertThat(api.patch("/api/me", artist.token(), "{\"bio\": ").status()).isEqualTo(400);
        assertThat(api.patch("/api/me", artist.token(), Map.of("bio", 42)).status()).isEqualTo(422);
        Reply me = api.get("/api/me", artist.token());
        assertThat(me.text("defaultCurrency")).isEqualTo("EUR");
        assertThat(me.text("name")).isEqualTo("Careful");
        assertThat(me.text("slug")).isEqualTo("careful");
        assertThat(me.text("bio")).isEmpty();
    }
}
