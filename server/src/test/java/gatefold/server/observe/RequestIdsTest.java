package gatefold.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.config.Config;
import gatefold.server.config.Settings;
import gatefold.server.http.App;
import gatefold.server.http.RouteGroup;
import io.javalin.Javalin;
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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Every answer carries its request id, failures included, and the id is in the logging context while the handler runs. */
class RequestIdsTest {

    @Test
    void failuresKeepTheirIdAndHandlersSeeItInTheLoggingContext() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        RouteGroup routes = r -> {
            r.get("/boom", ctx -> {
                throw new IllegalStateException("broken");
            });
            r.get("/context", ctx -> {
                seen.set(MDC.get(LogSetup.REQUEST_ID));
                ctx.result("ok");
            });
        };
        Config config = Config.from(Settings.of(Map.of("GATEFOLD_DATA_DIR", Files.createTempDirectory("gatefold-ids").toString())));
        try (Metrics metrics = Metrics.start(config)) {
            Javalin app = App.create(new App.Settings("127.0.0.1", 0, Duration.ofSeconds(5)), List.of(routes), new ArrayList<>(),
                    metrics.observer()).start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + app.port();
                HttpResponse<String> boom = http.send(HttpRequest.newBuilder(URI.create(base + "/boom")).header("X-Request-Id", "boom-1")
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(boom.statusCode()).isEqualTo(500);
                assertThat(boom.headers().allValues("X-Request-Id")).containsExactly("boom-1");
                HttpResponse<String> context = http.send(HttpRequest.newBuilder(URI.create(base + "/context")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(seen.get()).isEqualTo(context.headers().firstValue("X-Request-Id").orElseThrow());
                assertThat(MDC.get(LogSetup.REQUEST_ID)).isNull();
                String badRequest = raw(app.port(), "GET /health/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                assertThat(badRequest).startsWith("HTTP/1.1 400");

                PrometheusText scraped = PrometheusText.parse(metrics.scrape());
                assertThat(scraped.value("http_server_requests_seconds_count", "route", "/boom", "status", "5xx")).isEqualTo(1);
                assertThat(scraped.value("http_server_requests_seconds_count", "route", "/context", "status", "2xx")).isEqualTo(1);
            } finally {
                app.stop();
            }
        }
    }

    private static String raw(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
