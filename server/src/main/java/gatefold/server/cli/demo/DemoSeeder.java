package gatefold.server.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fills a fresh store with the seed catalog through the same HTTP API an artist's tools use:
 * create the artist, then each release with its cover, files, previews and rental offer, then
 * publish it (unless it stays a draft), and last the bundles made of what was published.
 */
final class DemoSeeder {

    record Seeded(String artistSlug, String apiToken, List<String> releaseUrls, List<String> bundlePaths) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoSeeder(String base) {
        this.base = base;
    }

    Seeded seed(SeedCatalog catalog, String adminToken) {
        JsonNode artist = call("POST", "/api/artists", adminToken, Map.of("name", catalog.artist.name(),
                "email", catalog.artist.email(), "password", catalog.artist.password()), 201);
        String token = artist.path("apiToken").asText();
        List<String> urls = new ArrayList<>();
        for (SeedCatalog.SeedRelease release : catalog.releases) {
            String id = call("POST", "/api/releases", token, release.fields(), 201).path("id").asText();
            put(id, release.cover(), token);
            for (SeedCatalog.SeedFile file : release.files()) {
                String fileId = put(id, file, token).path("id").asText();
                if (file.preview() != null) {
                    call("PUT", "/api/releases/" + id + "/tracks/" + fileId + "/preview", token, Map.of("mode", file.preview()), 200);
                }
                if (file.availableNow()) {
                    call("PATCH", "/api/releases/" + id + "/files/" + fileId, token, Map.of("availableNow", true), 200);
                }
            }
            if (release.film() != null) {
                call("PUT", "/api/releases/" + id + "/film", token, release.film(), 200);
            }
            if (release.publish()) {
                urls.add(call("POST", "/api/releases/" + id + "/publish", token, null, 200).path("url").asText());
            }
        }
        List<String> bundles = new ArrayList<>();
        for (Map<String, Object> bundle : catalog.bundles) {
            bundles.add("/bundles/" + call("POST", "/api/bundles", token, bundle, 201).path("id").asText());
        }
        return new Seeded(artist.path("slug").asText(), token, urls, bundles);
    }

    private JsonNode put(String releaseId, SeedCatalog.SeedFile file, String token) {
        String path = "/api/releases/" + releaseId + "/files/" + URLEncoder.encode(file.name(), StandardCharsets.UTF_8).replace("+", "%20");
        return exchange(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file.bytes())), "PUT " + path, 201);
    }

    private JsonNode call(String method, String path, String token, Object body, int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            return exchange(request, method + " " + path, expected);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode exchange(HttpRequest.Builder request, String what, int expected) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException("seeding the demo failed at " + what + ": " + response.statusCode() + " " + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("seeding the demo failed at " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding the demo", e);
        }
    }
}
