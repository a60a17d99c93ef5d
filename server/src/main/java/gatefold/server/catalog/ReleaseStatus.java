package gatefold.server.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import gatefold.server.common.Named;

/**
 * Who can see a release: a {@link #DRAFT} only its artist; a {@link #PUBLISHED} one everyone, on the
 * artist's page and in feeds; an {@link #UNLISTED} one whoever has its link. Stored and shown as the
 * lowercase word.
 */
public enum ReleaseStatus implements Named {
    DRAFT, PUBLISHED, UNLISTED;

    @JsonValue
    @Override
    public String id() {
        return Named.super.id();
    }

    /** Whether fans can open its page and buy it. */
    public boolean isOut() {
        return this != DRAFT;
    }

    @Override
    public String toString() {
        return id();
    }
}
