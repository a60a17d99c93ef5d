package gatefold.server.delivery;

import java.time.Instant;

/** What a download link names: an entitlement, one file of it, and a format ("original" for now). */
public record DownloadLink(String entitlementId, String fileId, String format, Instant expiresAt) {
}
