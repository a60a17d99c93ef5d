package gatefold.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.OsTool;
import gatefold.server.TestServer;
import gatefold.server.delivery.DeliveryFixtures.Bought;
import gatefold.storage.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The download rule holds in every delivery mode and store: once a limit is spent, no
 * request shape (ranges of every form, conditionals, HEAD, several ranges) gets bytes or
 * a store URL; a fan resuming inside an open download never pays twice; a download
 * manager with eight connections finishes inside one window and counts once.
 */
class DownloadLimitTest {

    /** The three ways a download can be handed over. */
    enum Setup {
        LOCAL_STREAM(false, false), S3_STREAM(true, false), S3_REDIRECT(true, true);

        final boolean s3;
        final boolean redirect;

        Setup(boolean s3, boolean redirect) {
            this.s3 = s3;
            this.redirect = redirect;
        }
    }

    static final Map<Setup, TestServer> servers = new java.util.EnumMap<>(Setup.class);
    static int artists;

    @BeforeAll
    static void start() {
        S3ProxyServer s3 = S3ProxyServer.shared();
        servers.put(Setup.LOCAL_STREAM, TestServer.start());
        Map<String, String> stream = new java.util.HashMap<>(DeliveryFixtures.env(s3, s3.createFreshBucket()));
        stream.put("GATEFOLD_DELIVERY", "stream");
        servers.put(Setup.S3_STREAM, TestServer.start(stream));
        servers.put(Setup.S3_REDIRECT, TestServer.start(DeliveryFixtures.env(s3, s3.createFreshBucket())));
    }

    @AfterAll
    static void stop() {
        servers.values().forEach(TestServer::close);
    }

    static Bought limited(Setup setup, int limit) {
        return limited(setup, limit, 2_000_000);
    }

    static Bought limited(Setup setup, int limit, int size) {
        TestServer server = servers.get(setup);
        ApiClient api = new ApiClient(server);
        Bought bought = DeliveryFixtures.buy(server, api, "limit" + artists++ + "@example.com", size);
        assertThat(api.patch("/api/releases/" + bought.release(), bought.token(), Map.of("downloadLimit", limit)).status())
                .isEqualTo(200);
        return bought;
    }

    static HttpResponse<byte[]> request(String link, String method, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(link)).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return DeliveryFixtures.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A request that gets the bytes: streamed (200/206), or a redirect whose store URL is fetched. */
    static boolean handsOverBytes(HttpResponse<byte[]> answer) {
        return answer.statusCode() == 302 || (answer.statusCode() == 200 || answer.statusCode() == 206) && answer.body().length > 0;
    }

    static int downloads(Setup setup, Bought bought) {
        DeliveryFixtures.settle(new ApiClient(servers.get(setup)), bought);
        return new DownloadCounter(servers.get(setup).gatefold.database().jdbi()).downloads(bought.entitlementId(), bought.fileId());
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void onceTheLimitIsSpentNoRequestShapeGetsBytesOrAStoreUrl(Setup setup) throws Exception {
        Bought bought = limited(setup, 1);
        assertThat(handsOverBytes(request(bought.link(), "GET"))).isTrue();
        // Inside the open download two more whole copies are free (retries); then the window's allowance is used.
        assertThat(handsOverBytes(request(bought.link(), "GET"))).isTrue();
        assertThat(handsOverBytes(request(bought.link(), "GET"))).isTrue();
        HttpResponse<byte[]> spent = request(bought.link(), "GET");
        assertThat(spent.statusCode()).isEqualTo(403);
        assertThat(new String(spent.body())).contains("download_limit");
        String etag = request(bought.link(), "HEAD").headers().firstValue("ETag").orElseThrow();
        List<String[]> shapes = List.of(
                new String[] {"GET"},
                new String[] {"GET", "Range", "bytes=1-"},
                new String[] {"GET", "Range", "bytes=0-"},
                new String[] {"GET", "Range", "bytes=1-1"},
                new String[] {"GET", "Range", "bytes=-1"},
                new String[] {"GET", "Range", "bytes=-999999999"},
                new String[] {"GET", "Range", "bytes=0-1,5-6"},
                new String[] {"GET", "Range", "BYTES=1-"},
                new String[] {"GET", "Range", "bytes=999999999-"},
                new String[] {"GET", "Range", "bytes=1-", "If-Range", etag},
                new String[] {"GET", "Range", "bytes=1-", "If-Range", "\"other\""},
                new String[] {"GET", "If-None-Match", "*"},
                new String[] {"GET", "If-None-Match", etag},
                new String[] {"GET", "If-Match", "\"other\""},
                new String[] {"GET", "If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"},
                new String[] {"HEAD"},
                new String[] {"HEAD", "Range", "bytes=1-"});
        for (String[] shape : shapes) {
            String[] headers = java.util.Arrays.copyOfRange(shape, 1, shape.length);
            HttpResponse<byte[]> answer = request(bought.link(), shape[0], headers);
            String what = setup + " " + String.join(" ", shape);
            assertThat(answer.headers().firstValue("Location")).as(what).isEmpty();
            assertThat(answer.statusCode()).as(what).isIn(403, 304, 412, 416, 200, 206);
            if (answer.statusCode() == 200 || answer.statusCode() == 206) {
                assertThat(shape[0]).as(what).isEqualTo("HEAD");
            }
            assertThat(answer.body().length).as(what).isLessThan(1000);
        }
        assertThat(downloads(setup, bought)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void aFanResumingInsideAnOpenDownloadNeverPaysTwice(Setup setup) throws Exception {
        Bought bought = limited(setup, 1);
        int size = bought.bytes().length;
        // A first piece, the rest as a resume, then the browser starts over once: all one download.
        assertThat(handsOverBytes(request(bought.link(), "GET", "Range", "bytes=0-999"))).isTrue();
        assertThat(handsOverBytes(request(bought.link(), "GET", "Range", "bytes=1000-"))).isTrue();
        assertThat(handsOverBytes(request(bought.link(), "GET"))).isTrue();
        assertThat(downloads(setup, bought)).isEqualTo(1);
        // Up to twice the file may follow the opening request; the last byte still fits, one more copy would not.
        assertThat(handsOverBytes(request(bought.link(), "GET", "Range", "bytes=" + (size - 1) + "-"))).isTrue();
        assertThat(request(bought.link(), "GET").statusCode()).isEqualTo(403);
        assertThat(downloads(setup, bought)).isEqualTo(1);
        // A HEAD never counts and never gets a Location.
        HttpResponse<byte[]> head = request(bought.link(), "HEAD");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(size));
        assertThat(head.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(head.headers().firstValue("Location")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void fiftySimultaneousFirstRequestsWithALimitOfFiveGiveExactlyFiveDownloads(Setup setup) throws Exception {
        Bought bought = limited(setup, 5);
        List<CompletableFuture<HttpResponse<Void>>> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(DeliveryFixtures.http.sendAsync(HttpRequest.newBuilder(URI.create(bought.link())).build(),
                    HttpResponse.BodyHandlers.discarding()));
        }
        int served = 0;
        int refused = 0;
        for (CompletableFuture<HttpResponse<Void>> f : all) {
            int code = f.get().statusCode();
            served += code == 200 || code == 302 ? 1 : 0;
            refused += code == 403 ? 1 : 0;
        }
        assertThat(downloads(setup, bought)).isEqualTo(5);
        // Each of the five downloads allows two more whole copies inside its window.
        assertThat(served).isEqualTo(15);
        assertThat(refused).isEqualTo(35);
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void aDownloadManagerWithEightConnectionsFinishesInsideOneWindowAndCountsOnce(Setup setup) throws Exception {
        Path aria2c = OsTool.ARIA2C.require();
        Bought bought = limited(setup, 1, 12 * 1024 * 1024);
        Path dir = Files.createTempDirectory("gatefold-aria2");
        Process process = new ProcessBuilder(aria2c.toString(), "--max-connection-per-server=8", "--split=8", "--min-split-size=1M",
                "--allow-overwrite=true", "--auto-file-renaming=false", "--console-log-level=warn", "--summary-interval=0",
                "--dir", dir.toString(), "--out", "film.bin", bought.link())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(Files.readAllBytes(dir.resolve("film.bin"))).isEqualTo(bought.bytes());
        assertThat(downloads(setup, bought)).isEqualTo(1);
    }
}
