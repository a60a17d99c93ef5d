package gatefold.server.delivery;

import java.time.Instant;

/** A download-link signing key as stored: the secret sealed with the master key. */
public record LinkKey(String kid, String sealedSecret, boolean active, Instant createdAt, Instant verifyUntil) {
}
