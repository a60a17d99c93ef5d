package gatefold.server.moving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.server.cli.GatefoldCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine;

/**
 * A store with what an artist would move: releases with hostile titles, files, a sale, a refunded
 * sale, a gift, download codes, a discount and a seller webhook, plus helpers to export and import.
 */
final class MovingFixture {

    static final String SHELL_TITLE = "$(touch /tmp/gatefold-pwned) `id` ; rm -rf / ; echo '\"x\"' && DROP TABLE releases;--";
    static final String UNICODE_TITLE = "Ünïcødé ‮evil‬ \\ / : * ? < > |";

    final ApiClient.NewArtist artist;
    final List<String> releaseIds = new ArrayList<>();
    /** Each file's bytes by its name, as uploaded. */
    final Map<String, byte[]> files = new LinkedHashMap<>();
    final String paidPurchase;
    final String refundedPurchase;
    final String downloadUrl;
    final String downloadName;

    MovingFixture(TestServer server, String name, String email) {
        ApiClient api = new ApiClient(server);
        artist = api.newArtist(name, email);
        String first = api.newRelease(artist.token(), Map.of("title", SHELL_TITLE, "kind", "other", "pricing", "fixed",
                "price", Map.of("amount", "7.00", "currency", "EUR"), "description", "line one\nline \"two\" ; $(x)"));
        String second = api.newRelease(artist.token(), Map.of("title", UNICODE_TITLE, "kind", "other", "pricing", "free"));
        releaseIds.addAll(List.of(first, second));
        upload(api, first, "side-a.bin", 3 * 1024 * 1024 + 17, 1);
        upload(api, first, "side-b.bin", 1000, 2);
        upload(api, second, "same-bytes.bin", 1000, 2);
        Reply paid = api.post("/api/releases/" + first + "/purchases", artist.token(), Map.of("email", "fan@example.com",
                "amount", Map.of("amount", "9.50", "currency", "EUR")));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        paidPurchase = paid.text("id");
        downloadUrl = paid.json().path("downloads").get(0).path("url").asText();
        downloadName = paid.json().path("downloads").get(0).path("name").asText();
        Reply other = api.post("/api/releases/" + first + "/purchases", artist.token(), Map.of("email", "gone@example.com"));
        refundedPurchase = other.text("id");
        assertThat(api.post("/api/purchases/" + refundedPurchase + "/refund", artist.token(), null).status()).isEqualTo(200);
        assertThat(api.post("/api/releases/" + second + "/purchases", artist.token(), Map.of("email", "fan@example.com",
                "source", "gift")).status()).isEqualTo(201);
        assertThat(api.post("/api/releases/" + first + "/codes", artist.token(), Map.of("count", 3)).status()).isEqualTo(201);
        Reply discount = api.post("/api/discounts", artist.token(), Map.of("code", "MOVING10", "percentOff", 10));
        assertThat(discount.status()).as(discount.toString()).isEqualTo(201);
    }

    private void upload(ApiClient api, String releaseId, String name, int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Reply put = api.put("/api/releases/" + releaseId + "/files/" + name, artist.token(), HttpRequest.BodyPublishers.ofByteArray(bytes));
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        files.put(name, bytes);
    }

    /** GETs an export to a file, as a browser or curl would save it. */
    static Path download(TestServer server, String path, String token) {
        try {
            Path file = Files.createTempFile("gatefold-export", ".tar");
            HttpResponse<Path> res = server.client().send(HttpRequest.newBuilder(URI.create(server.url(path)))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofFile(file));
            byte[] start = Files.readAllBytes(file);
            assertThat(res.statusCode()).as(new String(start, 0, Math.min(300, start.length), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-tar"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a {@code gatefold} command in this JVM, as the operator would at a shell; returns its exit code. */
    static int command(String... args) {
        CommandLine cli = GatefoldCommand.commandLine();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        cli.setErr(new java.io.PrintWriter(err, true));
        int code = cli.execute(args);
        System.out.println("gatefold " + String.join(" ", args) + " -> " + code + " " + err);
        return code;
    }

    static Reply upload(TestServer server, byte[] archive) {
        ApiClient api = new ApiClient(server);
        return api.exchange(HttpRequest.newBuilder(URI.create(server.url("/api/admin/import")))
                .header("Authorization", "Bearer " + api.adminToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(archive)));
    }

    static JsonNode release(JsonNode releases, String id) {
        for (JsonNode release : releases) {
            if (release.path("id").asText().equals(id)) {
                return release;
            }
        }
        throw new AssertionError("no release " + id + " in " + releases);
    }
}
