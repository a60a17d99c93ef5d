package gatefold.server.accounts;

import java.time.Instant;

/** A stored API token: only the hash of the secret is kept. */
public record ApiToken(String id, String artistId, String tokenHash, String label, Instant createdAt,
                       Instant lastUsedAt, Instant revokedAt) {
}
