package gatefold.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.TestServer;
import io.javalin.Javalin;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ErrorShapeTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();

    @Test
    void unknownPathAnswers404InTheJsonErrorShape() {
        HttpResponse<String> res = server.get("/api/no-such-thing");
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(res.body()).contains("\"error\":\"not_found\"").contains("\"message\":");
    }

    @Test
    void wrongMethodAnswers405InTheJsonErrorShape() {
        HttpResponse<String> res = server.send(HttpRequest.newBuilder(URI.create(server.url("/health/live")))
                .DELETE());
        assertThat(res.statusCode()).isEqualTo(405);
        assertThat(res.body()).contains("\"error\":\"method_not_allowed\"");
    }

    @Test
    void browsersAskingForHtmlGetAFriendlyPageNotAStackTrace() {
        HttpResponse<String> res = server.get("/no-such-page", "Accept", "text/html,application/xhtml+xml");
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(res.body()).contains("Not found").doesNotContain("Exception").doesNotContain("Jetty");
    }

    @Test
    void malformedRequestLinesRejectedByJettyStillAnswerJson() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.gatefold.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /health/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response).contains("\"error\":\"bad_request\"").doesNotContain("<html").doesNotContain("at org.");
        }
    }

    @Test
    void exceptionsNobodyMappedBecomeA500WithoutAStackTrace() throws Exception {
        RouteGroup broken = routes -> routes.get("/boom", ctx -> {
            throw new IllegalStateException("secret internal detail");
        });
        Javalin app = App.create(new App.Settings("127.0.0.1", 0, Duration.ofSeconds(5)), List.of(broken)).start();
        try {
            HttpResponse<String> res = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/boom")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(500);
            assertThat(res.body()).contains("\"error\":\"internal\"")
                    .doesNotContain("secret internal detail").doesNotContain("IllegalStateException");
        } finally {
            app.stop();
        }
    }

    @Test
    void securityHeadersAreOnEveryAnswer() {
        HttpResponse<String> res = server.get("/health/live");
        assertThat(res.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(res.headers().firstValue("Server")).isEmpty();
    }
}
