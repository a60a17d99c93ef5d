package gatefold.server.sales;

import com.fasterxml.jackson.annotation.JsonValue;
import gatefold.server.common.Named;

/**
 * Where a purchase stands. A checkout starts {@link #PENDING}; payment makes it
 * {@link #CONFIRMED}; it ends {@link #FAILED} or {@link #EXPIRED} unpaid; a confirmed sale
 * can be {@link #REFUNDED}, {@link #DISPUTED} or {@link #REVOKED} (and a won dispute confirms it again).
 * Stored and shown as the lowercase word.
 */
public enum PurchaseStatus implements Named {
    PENDING, CONFIRMED, REFUNDED, DISPUTED, REVOKED, FAILED, EXPIRED;

    @JsonValue
    @Override
    public String id() {
        return Named.super.id();
    }

    /** Whether the fan holds what they bought. */
    public boolean grants() {
        return this == CONFIRMED;
    }

    @Override
    public String toString() {
        return id();
    }
}
