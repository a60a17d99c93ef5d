package gatefold.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ServerProcess;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** GATEFOLD_LOG_FORMAT=json: every line on standard output is one JSON object, and requests are told apart by their id. */
class JsonLogsTest {

    static final HttpClient http = HttpClient.newHttpClient();

    static List<JsonNode> jsonLines(String stdout) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            JsonNode node = ApiClient.JSON.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            for (String field : List.of("time", "level", "logger", "message", "thread")) {
                assertThat(node.path(field).isTextual()).as(field + " in " + line).isTrue();
            }
            lines.add(node);
        }
        return lines;
    }

    @Test
    void aServerWithJsonLogsWritesOnlyJsonObjectsAndEachRequestsIdMatchesItsHeader() throws Exception {
        Map<String, String> env = Map.of("GATEFOLD_DATA_DIR", Files.createTempDirectory("gatefold-json").toString(),
                "GATEFOLD_PORT", "0", "GATEFOLD_LOG_FORMAT", "json", "GATEFOLD_ACCESS_LOG", "true");
        try (ServerProcess server = ServerProcess.start(env)) {
            int port = server.awaitListening(Duration.ofSeconds(60));
            String base = "http://127.0.0.1:" + port;
            HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create(base + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String made = live.headers().firstValue("X-Request-Id").orElseThrow();
            HttpResponse<String> kept = http.send(HttpRequest.newBuilder(URI.create(base + "/no/such/page"))
                    .header("X-Request-Id", "edge-7f3a9c").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("edge-7f3a9c");
            HttpResponse<String> tooLong = http.send(HttpRequest.newBuilder(URI.create(base + "/health/live"))
                    .header("X-Request-Id", "a".repeat(500)).build(), HttpResponse.BodyHandlers.ofString());
            String replaced = tooLong.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(replaced).matches("[0-9a-z]{16}");
            HttpResponse<String> quoted = http.send(HttpRequest.newBuilder(URI.create(base + "/health/live"))
                    .header("X-Request-Id", "x\",\"level\":\"ERROR").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(quoted.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-z]{16}");
            String folded = rawRequest(port, "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Request-Id: abc\r\n forged-line\r\n"
                    + "Connection: close\r\n\r\n");
            assertThat(folded).doesNotContain("forged-line");

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.stdout().contains(replaced));
            List<JsonNode> lines = jsonLines(server.stdout());
            assertThat(lines).anySatisfy(l -> assertThat(l.path("message").asText()).startsWith("listening on http://127.0.0.1:"));
            assertThat(access(lines, made).path("route").asText()).isEqualTo("/health/live");
            assertThat(access(lines, made).path("status").asInt()).isEqualTo(200);
            assertThat(access(lines, "edge-7f3a9c").path("route").asText()).isEqualTo("(no route)");
            assertThat(access(lines, "edge-7f3a9c").path("status").asInt()).isEqualTo(404);
            assertThat(access(lines, replaced).path("message").asText()).isEqualTo("GET /health/live 200 "
                    + access(lines, replaced).path("durationMs").asText() + " ms 15 bytes");
            assertThat(server.stdout()).doesNotContain("aaaaaaaaaa").doesNotContain("forged-line").doesNotContain("\"level\":\"ERROR\"");
        }
    }

    private static JsonNode access(List<JsonNode> lines, String requestId) {
        return lines.stream().filter(l -> l.path("logger").asText().equals("gatefold.access")
                        && l.path("requestId").asText().equals(requestId)).findFirst()
                .orElseThrow(() -> new AssertionError("no access line for " + requestId + " in " + lines));
    }

    /** A request the JDK client would refuse to send: a header continued on a second line. */
    private static String rawRequest(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void theDefaultTextFormatKeepsTimeLevelShortNameAndMessage() throws Exception {
        Map<String, String> env = Map.of("GATEFOLD_DATA_DIR", Files.createTempDirectory("gatefold-text").toString(),
                "GATEFOLD_PORT", "0", "GATEFOLD_ADMIN_TOKEN", "gfa_text-format-admin-token-0123456789");
        try (ServerProcess server = ServerProcess.start(env)) {
            int port = server.awaitListening(Duration.ofSeconds(60));
            assertThat(server.stdout()).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000 \\[INFO\\] Gatefold"
                    + " - listening on http://127.0.0.1:" + port + "$");
            assertThat(server.stdout()).doesNotContain("{\"time\"");
        }
    }

    @Test
    void anExceptionIsOneStringFieldAndControlCharactersCannotBreakTheLine() throws Exception {
        JsonLayout layout = new JsonLayout();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        layout.setContext(context);
        layout.start();
        MDC.put(LogSetup.REQUEST_ID, "req-1");
        String line;
        try {
            line = layout.doLayout(new LoggingEvent("x", context.getLogger("gatefold.server.Example"), Level.ERROR,
                    "failed for {}\r\nFAKE line \u0007", new IllegalStateException("broken", new RuntimeException("cause")),
                    new Object[] {"\"quoted\""}));
        } finally {
            MDC.remove(LogSetup.REQUEST_ID);
        }
        assertThat(line).endsWith("}\n");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n").doesNotContain("\r");
        JsonNode json = ApiClient.JSON.readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("ERROR");
        assertThat(json.path("logger").asText()).isEqualTo("gatefold.server.Example");
        assertThat(json.path("message").asText()).isEqualTo("failed for \"quoted\"\r\nFAKE line \u0007");
        assertThat(json.path("requestId").asText()).isEqualTo("req-1");
        assertThat(json.path("exception").asText()).contains("java.lang.IllegalStateException: broken")
                .contains("Caused by: java.lang.RuntimeException: cause").contains("at gatefold.server.observe.JsonLogsTest");
    }

    @Test
    void onlyShortRunsOfSafeCharactersAreTakenAsRequestIds() {
        assertThat(RequestId.acceptOrMake("0b2c9f3e-6d2a-4f55-9a41-0e3a2c1b9d77")).isEqualTo("0b2c9f3e-6d2a-4f55-9a41-0e3a2c1b9d77");
        assertThat(RequestId.acceptOrMake("a".repeat(64))).isEqualTo("a".repeat(64));
        for (String bad : new String[] {"a".repeat(65), "a".repeat(500), "abc\ndef", "abc\r\n", "a b", "a\"b", "é", "", null}) {
            assertThat(RequestId.acceptOrMake(bad)).as(String.valueOf(bad)).matches("[0-9a-z]{16}");
        }
        assertThat(RequestId.make()).isNotEqualTo(RequestId.make());
    }
}
