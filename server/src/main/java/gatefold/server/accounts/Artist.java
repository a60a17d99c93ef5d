package gatefold.server.accounts;

import java.time.Instant;

/** An artist (or collective) with a store on this server. {@code links} is a JSON array of URLs. */
public record Artist(
        String id,
        String slug,
        String name,
        String email,
        String passwordHash,
        String bio,
        String links,
        String defaultCurrency,
        Long storageQuotaBytes,
        Instant createdAt) {
}
