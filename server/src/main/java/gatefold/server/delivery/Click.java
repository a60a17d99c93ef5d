package gatefold.server.delivery;

import java.time.Instant;

/**
 * A fan's request of a download link, as plain facts: the token, whether it is a HEAD,
 * the headers that shape the answer, and who asked. The route and the Jetty fast path
 * both build one and ask {@link Deliveries#decide} what to do with it.
 */
public record Click(String token, boolean head, String range, String ifRange, String ifNoneMatch, String ifMatch,
                    String ifUnmodifiedSince, String userAgent, String address, Instant at) {

    /** A GET or HEAD with no range and no validators: the everyday click. */
    public static Click plain(String token, boolean head, String userAgent, String address, Instant at) {
        return new Click(token, head, null, null, null, null, null, userAgent, address, at);
    }
}
