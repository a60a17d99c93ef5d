package gatefold.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Editing how a film is sold, one thing at a time: what a {@code PUT /api/releases/{id}/film}
 * leaves out stays as it was, so setting a rent price never quietly ends stream-only (which would
 * hand every buyer the master again), and making a film stream-only never ends its rental offer.
 */
class FilmOfferEditsTest {

    @Test
    void whatAnEditLeavesOutStaysAsItWas() {
        try (TestServer server = TestServer.start()) {
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Editor", "edits@example.com").token();
            String release = api.newRelease(token, Map.of("title", "Cut", "kind", "film", "pricing", "fixed",
                    "price", Map.of("amount", "8.00", "currency", "EUR")));
            String path = "/api/releases/" + release + "/film";

            JsonNode offer = put(api, token, path, Map.of("streamOnly", true));
            assertThat(offer.path("streamOnly").asBoolean()).isTrue();
            assertThat(offer.path("rentPrice").isNull()).isTrue();

            offer = put(api, token, path, Map.of("rentPrice", Map.of("amount", "3.00", "currency", "EUR"), "rentWatchHours", 48));
            assertThat(offer.path("streamOnly").asBoolean()).as("still stream-only").isTrue();
            assertThat(offer.path("rentPrice").path("amount").asText()).isEqualTo("3.00");
            assertThat(offer.path("rentStartDays").asInt()).isEqualTo(FilmOffer.DEFAULT_START_DAYS);
            assertThat(offer.path("rentWatchHours").asInt()).isEqualTo(48);

            offer = put(api, token, path, Map.of("rentStartDays", 7));
            assertThat(offer.path("rentPrice").path("amount").asText()).isEqualTo("3.00");
            assertThat(offer.path("rentStartDays").asInt()).isEqualTo(7);
            assertThat(offer.path("rentWatchHours").asInt()).isEqualTo(48);
            assertThat(offer.path("streamOnly").asBoolean()).isTrue();

            offer = put(api, token, path, Map.of("streamOnly", false));
            assertThat(offer.path("streamOnly").asBoolean()).isFalse();
            assertThat(offer.path("rentPrice").path("amount").asText()).as("still for rent").isEqualTo("3.00");

            Map<String, Object> stopRenting = new HashMap<>();
            stopRenting.put("rentPrice", null);
            offer = put(api, token, path, stopRenting);
            assertThat(offer.path("rentPrice").isNull()).isTrue();
            assertThat(offer.path("rentWatchHours").asInt()).isEqualTo(48);

            offer = put(api, token, path, Collections.singletonMap("trailer", null));
            assertThat(offer.path("rentStartDays").asInt()).isEqualTo(7);
            assertThat(api.get(path, token).json().path("rentWatchHours").asInt()).isEqualTo(48);
        }
    }

    private static JsonNode put(ApiClient api, String token, String path, Map<String, Object> body) {
        Reply reply = api.send("PUT", path, token, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }
}
