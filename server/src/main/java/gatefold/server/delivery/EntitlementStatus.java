package gatefold.server.delivery;

import com.fasterxml.jackson.annotation.JsonValue;
import gatefold.server.common.Named;
import java.util.Optional;

/**
 * Where a fan's right to a release stands. It follows its purchase word for word (a refunded
 * purchase ends its entitlement as {@link #REFUNDED}), plus {@link #PREORDERED}: bought before the
 * release date, which opens on the day. {@link #CONFIRMED} opens every file; {@link #PREORDERED} only
 * the files the artist made available now ({@link #opens(boolean)}, the one rule every path asks).
 * Stored and shown as the lowercase word.
 */
public enum EntitlementStatus implements Named {
    CONFIRMED, PREORDERED, REFUNDED, DISPUTED, REVOKED;

    /** The entitlement status a purchase status carries over to; empty for a purchase that never granted one. */
    public static Optional<EntitlementStatus> following(Named purchaseStatus) {
        return Named.parse(EntitlementStatus.class, purchaseStatus.id());
    }

    /** Whether the fan may download and stream the whole release (every file, the album zips). */
    public boolean opens() {
        return this == CONFIRMED;
    }

    /** Whether the fan may download and stream one file, which the artist may have made available now on a pre-order. */
    public boolean opens(boolean fileAvailableNow) {
        return this == CONFIRMED || this == PREORDERED && fileAvailableNow;
    }

    /** Whether the fan holds the release now or on its date: links may be listed (each file still asks {@link #opens(boolean)}). */
    public boolean holds() {
        return this == CONFIRMED || this == PREORDERED;
    }

    @JsonValue
    @Override
    public String id() {
        return Named.super.id();
    }

    @Override
    public String toString() {
        return id();
    }
}
