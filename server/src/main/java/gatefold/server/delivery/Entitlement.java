package gatefold.server.delivery;

import java.time.Instant;

/**
 * A fan's right to download a release, created by a confirmed purchase (or gift, or code).
 * Every download link names one; a refund or revocation ends all its links at once.
 */
public record Entitlement(String id, String releaseId, String email, EntitlementStatus status, Instant createdAt, Instant updatedAt) {

    public boolean isActive() {
        return status.opens();
    }

    /** Whether this purchase opens one file now (on a pre-order, only the files available now). */
    public boolean opens(gatefold.server.catalog.ReleaseFile file) {
        return status.opens(file.availableNow());
    }
}
