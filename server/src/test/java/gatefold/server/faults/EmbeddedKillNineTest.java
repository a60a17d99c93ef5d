package gatefold.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On the embedded database, what the server answered as done is still there after a kill -9
 * that follows the answer at once: H2 keeps commits in memory for up to a second unless told
 * otherwise, which once lost the last purchases before a crash.
 */
class EmbeddedKillNineTest {

    @Test
    void purchasesAnsweredJustBeforeAKillAreThereAfterTheRestart() throws Exception {
        try (ChildGatefold server = ChildGatefold.start(Map.of())) {
            ApiClient api = server.api();
            ApiClient.NewArtist artist = api.newArtist("Late Night", "late@example.com");
            String release = api.newRelease(artist.token(), Map.of("title", "Last Call", "kind", "other", "pricing", "free"));
            List<String> purchases = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Reply made = api.post("/api/releases/" + release + "/purchases", artist.token(),
                        Map.of("email", "fan" + i + "@example.com", "source", "gift"));
                assertThat(made.status()).as(made.toString()).isEqualTo(201);
                purchases.add(made.text("id"));
            }

            server.kill();
            server.restart();

            for (String id : purchases) {
                Reply kept = api.get("/api/purchases/" + id, artist.token());
                assertThat(kept.status()).as("purchase %s after the kill", id).isEqualTo(200);
                assertThat(kept.text("status")).isEqualTo("confirmed");
            }
        }
    }
}
