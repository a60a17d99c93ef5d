package gatefold.server.delivery;

import com.fasterxml.jackson.annotation.JsonValue;
import gatefold.server.common.Named;
import java.util.Optional;

/**
 * Where a fan's right to a release stands. It follows its purchase word for word (a refunded
 * purchase ends its entitlement as {@link #REFUNDED}), plus {@link #PREORDERED}: bought before the
 * release date, which opens on the day. Only {@link #CONFIRMED} opens files. Stored and shown as the
 * lowercase word.
 */
public enum EntitlementStatus implements Named {
    CONFIRMED, PREORDERED, REFUNDED, DISPUTED, REVOKED;

    /** The entitlement status a purchase status carries over to; empty for a purchase that never granted one. */
    public static Optional<EntitlementStatus> following(Named purchaseStatus) {
        return Named.parse(EntitlementStatus.class, purchaseStatus.id());
    }

    /** Whether the fan may download and stream. */
    public boolean opens() {
        return this == CONFIRMED;
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
