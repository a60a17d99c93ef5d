package gatefold.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.TestServer;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StaticFilesTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();

    @Test
    void pagesGetTheWebModulesStylesheetsAndScriptsCachedForAnHour() throws Exception {
        HttpResponse<String> css = server.get("/static/dashboard.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(css.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
        assertThat(css.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(css.body()).isEqualTo(resource("dashboard.css"));

        HttpResponse<String> script = server.get("/static/upload.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(script.body()).isEqualTo(resource("upload.js"));
    }

    @Test
    void browsersRevalidateWithTheETagAndHeadAnswersWithoutABody() {
        HttpResponse<String> css = server.get("/static/gatefold.css");
        String etag = css.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = server.get("/static/gatefold.css", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        HttpResponse<String> head = server.send(java.net.http.HttpRequest.newBuilder()
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).uri(java.net.URI.create(server.url("/static/gatefold.css"))));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(css.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void onlyStylesheetsAndScriptsThatExistAreServed() {
        for (String path : new String[] {"/static/missing.css", "/static/gatefold.css.bak", "/static/Pages.class",
                "/static/..%5Csecret.key"}) {
            HttpResponse<String> res = server.get(path);
            assertThat(res.statusCode()).as(path).isIn(400, 404);
            assertThat(res.body()).as(path).contains("\"error\":");
        }
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = StaticFilesTest.class.getResourceAsStream("/gatefold/web/static/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
