package gatefold.server.outbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request to make on an artist's behalf. {@code timeout} bounds the whole exchange
 * (lookup, connect, sending, reading the answer); at most {@code maxAnswerBytes} of the
 * answer are read.
 */
public record OutboundCall(String method, OutboundUrl url, Map<String, String> headers, String contentType, byte[] body,
                           Duration timeout, int maxAnswerBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ANSWER = 64 * 1024;
    /** Answers are read into memory: nothing we call for an artist needs more. */
    public static final int LARGEST_MAX_ANSWER = 16 * 1024 * 1024;

    public OutboundCall {
        headers = Map.copyOf(headers);
        if (maxAnswerBytes < 0 || maxAnswerBytes > LARGEST_MAX_ANSWER) {
            throw new IllegalArgumentException("maxAnswerBytes must be from 0 to " + LARGEST_MAX_ANSWER);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    public static OutboundCall get(OutboundUrl url) {
        return new OutboundCall("GET", url, Map.of(), null, null, DEFAULT_TIMEOUT, DEFAULT_MAX_ANSWER);
    }

    public static OutboundCall post(OutboundUrl url, String contentType, String body) {
        return new OutboundCall("POST", url, Map.of(), contentType, body.getBytes(StandardCharsets.UTF_8), DEFAULT_TIMEOUT,
                DEFAULT_MAX_ANSWER);
    }

    public OutboundCall withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new OutboundCall(method, url, more, contentType, body, timeout, maxAnswerBytes);
    }

    public OutboundCall withTimeout(Duration total) {
        return new OutboundCall(method, url, headers, contentType, body, total, maxAnswerBytes);
    }

    public OutboundCall withMaxAnswerBytes(int max) {
        return new OutboundCall(method, url, headers, contentType, body, timeout, max);
    }

    /** Never the headers or body: they carry API keys and signatures. */
    @Override
    public String toString() {
        return method + " " + url;
    }
}
