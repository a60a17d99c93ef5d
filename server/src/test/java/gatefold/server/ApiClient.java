package gatefold.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** JSON over real HTTP to a test server, as an artist's tool would talk to it. */
public final class ApiClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private final TestServer server;
    private final String baseUrl;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiClient(TestServer server) {
        this.server = server;
        this.baseUrl = null;
        this.adminToken = null;
    }

    /** For a server in another process (see {@link ServerProcess}) at e.g. {@code http://127.0.0.1:7070}, started with this GATEFOLD_ADMIN_TOKEN. */
    public ApiClient(String baseUrl, String adminToken) {
        this.server = null;
        this.baseUrl = baseUrl;
        this.adminToken = adminToken;
    }

    private String url(String path) {
        return server != null ? server.url(path) : baseUrl + path;
    }

    public record Reply(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String text(String field) {
            return json().path(field).asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Reply get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Reply delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    public Reply post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    public Reply patch(String path, String token, Object body) {
        return send("PATCH", path, token, body);
    }

    public Reply put(String path, String token, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).PUT(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return exchange(request);
    }

    /** A body given as a String is sent as-is (for broken JSON); anything else is JSON-encoded. */
    public Reply send(String method, String path, String token, Object body) {
        String text;
        try {
            text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return exchange(request);
    }

    public Reply exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> res = http.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(res.statusCode(), res.body(), res);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String adminToken() {
        return server != null ? server.gatefold.adminTokenShownOnce().orElseThrow() : adminToken;
    }

    public record NewArtist(String id, String slug, String token) {
    }

    public NewArtist newArtist(String name, String email) {
        Reply reply = post("/api/artists", adminToken(), Map.of("name", name, "email", email, "password", "correct horse battery"));
        if (reply.status() != 201) {
            throw new AssertionError("could not create artist: " + reply);
        }
        return new NewArtist(reply.text("id"), reply.text("slug"), reply.text("apiToken"));
    }

    public String newRelease(String token, Map<String, Object> fields) {
        Reply reply = post("/api/releases", token, fields);
        if (reply.status() != 201) {
            throw new AssertionError("could not create release: " + reply);
        }
        return reply.text("id");
    }

    public static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
