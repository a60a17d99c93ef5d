package gatefold.server.catalog;

import java.time.Duration;

/** How big a file may be, and how long an untouched resumable upload is kept. */
public record CatalogLimits(long maxFileBytes, Duration uploadExpiry) {

    public static final long MIB = 1024L * 1024;
    public static final long MIN_PART = 8 * MIB;
    public static final int MAX_PARTS = 10_000;

    /** At least 8 MiB, in whole MiB, and big enough that the file fits in 10,000 parts. */
    public static long partSizeFor(long size) {
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        long roundedUp = (needed + MIB - 1) / MIB * MIB;
        return Math.max(MIN_PART, roundedUp);
    }
}
