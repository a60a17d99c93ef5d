package gatefold.server.moving;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * An arriving artist whose slug another artist has here stops the import, with the way out
 * named; with {@code rename} they get the first free {@code slug-N}, everything of theirs follows
 * them, and the answer says who was renamed. A taken email is never renamed around: it signs in
 * one artist only.
 */
class RenameOnImportTest {

    @Test
    void aTakenSlugStopsTheImportUnlessRenamedAndATakenEmailAlwaysStops() throws Exception {
        try (TestServer from = TestServer.start(); TestServer to = TestServer.start()) {
            MovingFixture source = new MovingFixture(from, "Same Name", "arriving@example.com");
            byte[] archive = Files.readAllBytes(MovingFixture.download(from, "/api/export", source.artist.token()));
            ApiClient here = new ApiClient(to);
            ApiClient.NewArtist resident = here.newArtist("Same Name", "resident@example.com");
            here.newArtist("Same Name", "other@example.com"); // takes same-name-2
            assertThat(resident.slug()).isEqualTo(source.artist.slug());

            Reply stopped = MovingFixture.upload(to, archive);
            assertThat(stopped.status()).isEqualTo(409);
            assertThat(stopped.body()).contains("slug \\\"" + source.artist.slug()).contains("--rename").contains("Nothing was imported");

            Reply renamed = importRenaming(to, here, archive);
            assertThat(renamed.status()).as(renamed.toString()).isEqualTo(201);
            String newSlug = source.artist.slug() + "-3";
            assertThat(renamed.json().path("artists").get(0).asText()).isEqualTo(newSlug);
            assertThat(renamed.json().path("renamed").path(newSlug).asText()).isEqualTo(source.artist.slug());
            // The arriving artist keeps their releases under the new slug; the resident keeps the old one.
            assertThat(here.get("/api/me", source.artist.token()).json().path("slug").asText()).isEqualTo(newSlug);
            assertThat(here.get("/api/releases", source.artist.token()).json().size()).isEqualTo(2);
            assertThat(here.get("/api/me", resident.token()).json().path("slug").asText()).isEqualTo(source.artist.slug());
            assertThat(here.get("/api/releases", resident.token()).json().size()).isZero();

            MovingFixture clash = new MovingFixture(from, "Clashing Email", "resident@example.com");
            byte[] second = Files.readAllBytes(MovingFixture.download(from, "/api/export", clash.artist.token()));
            Reply email = importRenaming(to, here, second);
            assertThat(email.status()).isEqualTo(409);
            assertThat(email.body()).contains("resident@example.com").contains("--rename cannot help");
            assertThat(here.get("/api/me", clash.artist.token()).status()).isEqualTo(401);
        }
    }

    private static Reply importRenaming(TestServer server, ApiClient api, byte[] archive) {
        return api.exchange(HttpRequest.newBuilder(URI.create(server.url("/api/admin/import?rename=true")))
                .header("Authorization", "Bearer " + api.adminToken()).POST(HttpRequest.BodyPublishers.ofByteArray(archive)));
    }
}
