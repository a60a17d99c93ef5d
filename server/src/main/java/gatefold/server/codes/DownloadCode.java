package gatefold.server.codes;

import java.time.Instant;

/** A code that opens one release for up to {@code maxUses} fans, perhaps until {@code expiresAt}. Stored form, no dash. */
public record DownloadCode(String code, String releaseId, String artistId, int maxUses, int uses, Instant expiresAt,
                           Instant createdAt) {

    public boolean isExpired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    public boolean isUsedUp() {
        return uses >= maxUses;
    }
}
