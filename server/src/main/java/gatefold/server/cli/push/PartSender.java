package gatefold.server.cli.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends one part of a file to wherever the store says (an S3 presigned URL or the store's
 * own signed URL), streaming it from disk. A dropped connection or a store error is tried
 * again with a fresh URL, three attempts in all, before the push gives up.
 */
final class PartSender {

    static final int ATTEMPTS = 3;
    /** Generous: a part is at least 8 MiB and some artists upload over slow home connections. */
    private static final Duration PART_TIMEOUT = Duration.ofHours(1);
    /** Headers the HTTP client sets itself and will not take from us. */
    private static final Set<String> CLIENT_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private static final Pattern S3_MESSAGE = Pattern.compile("<Message>([^<]{1,300})</Message>");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final CatalogClient catalog;
    private final Duration firstBackoff;

    PartSender(HttpClient http, CatalogClient catalog, Duration firstBackoff) {
        this.http = http;
        this.catalog = catalog;
        this.firstBackoff = firstBackoff;
    }

    /**
     * Sends part {@code n} and returns the ETag the store gave it. {@code progress} hears of
     * bytes as they leave, and of their withdrawal when an attempt fails.
     */
    CatalogClient.Part send(CatalogClient.OpenUpload upload, LocalFile file, int n, LongConsumer progress) {
        long offset = upload.partSize() * (n - 1L);
        long length = upload.partLength(n);
        PushFailure last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            AtomicLong counted = new AtomicLong();
            try {
                return new CatalogClient.Part(n, sendOnce(upload.uploadId(), file, n, offset, length, counted, progress),
                        length);
            } catch (PushFailure e) {
                progress.accept(-counted.get());
                if (!e.worthRetrying()) {
                    throw e;
                }
                last = e;
            }
            if (attempt < ATTEMPTS) {
                pause(firstBackoff.multipliedBy((long) Math.pow(3, attempt - 1)));
            }
        }
        throw new PushFailure(last.status(), "part " + n + " did not get through after " + ATTEMPTS + " attempts: "
                + last.getMessage(), last);
    }

    private String sendOnce(String uploadId, LocalFile file, int n, long offset, long length, AtomicLong counted,
                            LongConsumer progress) {
        CatalogClient.PartTarget target = catalog.partTarget(uploadId, n);
        AtomicReference<InputStream> opened = new AtomicReference<>();
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> {
                    // The client may start the body over; bytes of a body it dropped were not sent.
                    progress.accept(-counted.getAndSet(0));
                    try {
                        FileSlice slice = FileSlice.open(file.path(), offset, length, bytes -> {
                            counted.addAndGet(bytes);
                            progress.accept(bytes);
                        });
                        closeQuietly(opened.getAndSet(slice));
                        return slice;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }), length);
        // Only the URL's own headers: the artist's token never goes to the part URL, which may be another host.
        HttpRequest.Builder request = HttpRequest.newBuilder(target.url()).timeout(PART_TIMEOUT).method(target.method(), body);
        for (Map.Entry<String, String> header : target.headers().entrySet()) {
            if (!CLIENT_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                request.header(header.getKey(), header.getValue());
            }
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PushFailure(0, "sending part " + n + " failed (" + Network.reason(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushFailure(PushFailure.STOPPED, "interrupted while sending part " + n, e);
        } finally {
            closeQuietly(opened.get());
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw new PushFailure(status, "the store refused part " + n + " (HTTP " + status + describe(response.body()) + ")", null);
        }
        String etag = response.headers().firstValue("ETag").or(() -> bodyField(response.body(), "etag"))
                .map(Network::unquote).filter(e -> !e.isBlank()).orElse(null);
        if (etag == null) {
            throw new PushFailure(502, "the store took part " + n + " but did not say its ETag", null);
        }
        return etag;
    }

    private static String describe(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        Matcher s3 = S3_MESSAGE.matcher(body);
        if (s3.find()) {
            return ": " + s3.group(1);
        }
        return bodyField(body, "message").map(m -> ": " + m).orElse("");
    }

    /** A text field of a JSON answer, as the store's own /blobs URLs give; empty for anything else. */
    private static Optional<String> bodyField(String body, String field) {
        if (body == null || !body.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode value = JSON.readTree(body).path(field);
            return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // Only a read handle on the artist's file; nothing is lost.
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushFailure(PushFailure.STOPPED, "interrupted", e);
        }
    }
}
