package gatefold.storage;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/** A request a plain HTTP client can make without credentials until {@code expiresAt}. */
public record PresignedRequest(String method, URI url, Map<String, String> headers, Instant expiresAt) {
}
