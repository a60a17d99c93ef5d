package gatefold.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulStopTest {

    @Test
    void stoppingLetsAnInFlightRequestFinish() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        RouteGroup slow = routes -> routes.get("/slow", ctx -> {
            inside.countDown();
            Thread.sleep(1500);
            ctx.result("finished");
        });
        Javalin app = App.create(new App.Settings("127.0.0.1", 0, Duration.ofSeconds(10)), List.of(slow)).start();
        CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        app.stop();
        HttpResponse<String> res = response.get(10, TimeUnit.SECONDS);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("finished");
    }
}
