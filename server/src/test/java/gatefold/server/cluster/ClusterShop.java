package gatefold.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.faults.ChildGatefold;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicInteger;

/** Artists, releases and sales for the cluster test, made through whichever door the test names. */
final class ClusterShop {

    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final AtomicInteger artists = new AtomicInteger();

    record Artist(String id, String name, String slug, String token, String email) {
    }

    record Release(Artist artist, String id, byte[] bytes) {
    }

    private ClusterShop() {
    }

    static Artist artist(ApiClient api) {
        int n = artists.incrementAndGet();
        String email = "band" + n + "@example.com";
        ApiClient.NewArtist made = api.newArtist("Band " + n, email);
        return new Artist(made.id(), "Band " + n, made.slug(), made.token(), email);
    }

    /** A published release of one file, uploaded through {@code api}. */
    static Release release(ApiClient api, Artist artist, int size, Map<String, Object> fields) {
        Map<String, Object> all = new java.util.HashMap<>(Map.of("title", "Live Tape", "kind", "other", "pricing", "fixed", "price", "5.00"));
        all.putAll(fields);
        String id = api.newRelease(artist.token(), all);
        byte[] bytes = bytes(size, id.hashCode());
        Reply put = api.put("/api/releases/" + id + "/files/tape.bin", artist.token(), HttpRequest.BodyPublishers.ofByteArray(bytes));
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        assertThat(api.post("/api/releases/" + id + "/publish", artist.token(), null).status()).isEqualTo(200);
        return new Release(artist, id, bytes);
    }

    /** An artist's own sale (a comp): confirmed at once. Returns the purchase. */
    static Reply sale(ApiClient api, Release release, String email) {
        Reply sold = api.post("/api/releases/" + release.id() + "/purchases", release.artist().token(), Map.of("email", email));
        assertThat(sold.status()).as(sold.toString()).isEqualTo(201);
        return sold;
    }

    static String link(Reply purchase) {
        return purchase.json().path("downloads").get(0).path("url").asText();
    }

    /** The same link's path asked of one instance directly, past the proxy. */
    static String at(ChildGatefold instance, String link) {
        return instance.url(URI.create(link).getRawPath());
    }

    static HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends each part of {@code bytes} where the instance that answers its n-th ask says, alternating instances. */
    static List<Map<String, Object>> sendParts(List<ApiClient> doors, String token, String upload, byte[] bytes, int partSize) {
        List<Map<String, Object>> parts = new ArrayList<>();
        for (int n = 1, at = 0; at < bytes.length; n++, at += partSize) {
            Reply where = doors.get(n % doors.size()).post("/api/uploads/" + upload + "/parts/" + n, token, null);
            assertThat(where.status()).as(where.toString()).isEqualTo(200);
            HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(where.text("url"))).method(where.text("method"),
                    HttpRequest.BodyPublishers.ofByteArray(bytes, at, Math.min(partSize, bytes.length - at)));
            where.json().path("headers").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
            Reply sent = doors.get(0).exchange(put);
            assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
            parts.add(Map.of("n", n, "etag", sent.raw().headers().firstValue("ETag").orElseThrow().replace("\"", "")));
        }
        return parts;
    }

    /** Runs {@code run} on {@code runners} threads released at the same moment; answers in order. */
    static <T> List<T> race(int runners, Function<Integer, T> run) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> tries = new ArrayList<>();
            for (int i = 0; i < runners; i++) {
                int n = i;
                tries.add(pool.submit(() -> {
                    go.await();
                    return run.apply(n);
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : tries) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reads until the stream ends or breaks, keeping every byte that arrived. */
    static byte[] readUntilCut(InputStream in, byte[] already) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(already);
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (IOException cut) {
            // The connection broke with the instance: what arrived before is still good.
        }
        return out.toByteArray();
    }

    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
