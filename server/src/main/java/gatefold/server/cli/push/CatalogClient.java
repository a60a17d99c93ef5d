package gatefold.server.cli.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The artist's catalog API as the push uses it: releases, resumable uploads and the files
 * they become. Every call carries the artist's token; the token is never put in a message.
 */
final class CatalogClient {

    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);
    /** Completing joins the parts into one file on the store, which takes a while for a film. */
    private static final Duration COMPLETE_TIMEOUT = Duration.ofHours(1);

    private final HttpClient http;
    private final URI server;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();

    /** {@code server} has no trailing slash; a path prefix (a store behind a proxy) is kept. */
    CatalogClient(HttpClient http, URI server, String token) {
        this.http = http;
        this.server = server;
        this.token = token;
    }

    record Release(String id, String title, String kind, String status, String url, Map<String, StoredFile> files) {
    }

    /** A file of a release; {@code sha256} is null until the store has read the file back. */
    record StoredFile(String id, String name, long size, String sha256, String contentType, String role, boolean verified) {
    }

    /** An upload in progress: its part size and, when asked for, the parts the store already holds. */
    record OpenUpload(String uploadId, String name, long size, long partSize, int partCount, Map<Integer, Part> present) {

        long partLength(int n) {
            return n < partCount ? partSize : size - partSize * (partCount - 1L);
        }
    }

    record Part(int n, String etag, long size) {
    }

    /** Where and how to send one part: a presigned S3 URL or the store's own signed URL. */
    record PartTarget(URI url, String method, Map<String, String> headers) {
    }

    Release createRelease(String title, String kind, String pricing, String price) {
        ObjectNode body = json.createObjectNode().put("title", title).put("kind", kind).put("pricing", pricing);
        if (price != null) {
            body.put("price", price);
        }
        return release(call("POST", "/api/releases", body, CALL_TIMEOUT));
    }

    Optional<Release> release(String releaseId) {
        return optional(() -> release(call("GET", "/api/releases/" + segment(releaseId), null, CALL_TIMEOUT)));
    }

    OpenUpload startUpload(String releaseId, LocalFile file, String contentType, Optional<String> role) {
        ObjectNode body = json.createObjectNode().put("name", file.name()).put("size", file.size())
                .put("contentType", contentType);
        role.ifPresent(r -> body.put("role", r));
        return upload(call("POST", "/api/releases/" + segment(releaseId) + "/uploads", body, CALL_TIMEOUT));
    }

    /** The upload with the parts the store holds, or empty when it finished, expired or was lost. */
    Optional<OpenUpload> upload(String uploadId) {
        return optional(() -> upload(call("GET", "/api/uploads/" + segment(uploadId), null, CALL_TIMEOUT)));
    }

    PartTarget partTarget(String uploadId, int n) {
        JsonNode node = call("POST", "/api/uploads/" + segment(uploadId) + "/parts/" + n, null, CALL_TIMEOUT);
        Map<String, String> headers = new LinkedHashMap<>();
        node.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        return new PartTarget(URI.create(node.path("url").asText()), node.path("method").asText("PUT"), headers);
    }

    StoredFile complete(String uploadId, List<Part> parts) {
        ArrayNode list = json.createArrayNode();
        parts.forEach(p -> list.addObject().put("n", p.n()).put("etag", p.etag()));
        ObjectNode body = json.createObjectNode();
        body.set("parts", list);
        return file(call("POST", "/api/uploads/" + segment(uploadId) + "/complete", body, COMPLETE_TIMEOUT));
    }

    /** Gives an upload up; one that is already gone needs nothing more. */
    void abort(String uploadId) {
        optional(() -> call("DELETE", "/api/uploads/" + segment(uploadId), null, CALL_TIMEOUT));
    }

    /** Empty files have no parts to send; they go as a plain PUT with an empty body. */
    StoredFile putEmpty(String releaseId, String name, Optional<String> role) {
        String path = "/api/releases/" + segment(releaseId) + "/files/" + segment(name)
                + role.map(r -> "?role=" + URLEncoder.encode(r, StandardCharsets.UTF_8)).orElse("");
        return file(call("PUT", path, null, CALL_TIMEOUT));
    }

    Optional<StoredFile> file(String releaseId, String fileId) {
        return optional(() -> file(call("GET", "/api/releases/" + segment(releaseId) + "/files/" + segment(fileId), null,
                CALL_TIMEOUT)));
    }

    private JsonNode call(String method, String path, JsonNode body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PushFailure(0, "could not reach the store at " + server + " (" + Network.reason(e) + ").", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushFailure(PushFailure.STOPPED, "interrupted while talking to the store.", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw refusal(response);
        }
        if (response.body().isEmpty()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new PushFailure(response.statusCode(), "the store at " + server + " answered " + method + " " + path
                    + " with something other than JSON; is --server the address of a Gatefold store?", e);
        }
    }

    /** The store's own words for an error, with a hint when the token is the problem. */
    private PushFailure refusal(HttpResponse<String> response) {
        int status = response.statusCode();
        String message = null;
        try {
            JsonNode error = json.readTree(response.body());
            if (error != null && error.path("message").isTextual()) {
                message = error.path("message").asText();
            }
        } catch (IOException notJson) {
            // Described below from the status alone.
        }
        if (message == null) {
            message = "the store at " + server + " answered HTTP " + status
                    + (status == 404 ? "; is --server the address of a Gatefold store?" : ".");
        }
        if (status == 401) {
            // The store's own words are about signing in; the artist did send a token, it was the wrong one.
            message = "the store at " + server + " did not accept the API token; check --token (or GATEFOLD_TOKEN),"
                    + " or make a new token in your dashboard.";
        }
        return new PushFailure(status, message, null);
    }

    private static <T> Optional<T> optional(java.util.function.Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (PushFailure e) {
            if (e.status() == 404 || e.status() == 410) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Release release(JsonNode node) {
        Map<String, StoredFile> files = new LinkedHashMap<>();
        for (JsonNode f : node.path("files")) {
            StoredFile file = file(f);
            files.put(file.name(), file);
        }
        return new Release(node.path("id").asText(), node.path("title").asText(), node.path("kind").asText(),
                node.path("status").asText(), node.path("url").asText(), files);
    }

    private static StoredFile file(JsonNode node) {
        JsonNode sha = node.path("sha256");
        return new StoredFile(node.path("id").asText(), node.path("name").asText(), node.path("size").asLong(),
                sha.isTextual() ? sha.asText() : null, node.path("contentType").asText(), node.path("role").asText(),
                node.path("verified").asBoolean());
    }

    private static OpenUpload upload(JsonNode node) {
        Map<Integer, Part> present = new HashMap<>();
        for (JsonNode p : node.path("parts")) {
            Part part = new Part(p.path("n").asInt(), Network.unquote(p.path("etag").asText()), p.path("size").asLong());
            present.put(part.n(), part);
        }
        return new OpenUpload(node.path("uploadId").asText(), node.path("name").asText(), node.path("size").asLong(),
                node.path("partSize").asLong(), node.path("partCount").asInt(), present);
    }

    /** One path segment, percent-encoded so names with spaces, '?' or '%' arrive intact. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
