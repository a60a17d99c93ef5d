package gatefold.server.moving;

import gatefold.server.common.Named;

/** Where an artist's export is; kept (and shown) as the lower-case word, like every {@link Named} state. */
public enum ExportState implements Named {
    QUEUED, BUILDING, READY, FAILED;

    /** Queued or being built: asking again returns this one. */
    public boolean busy() {
        return this == QUEUED || this == BUILDING;
    }

    /** The state of a stored word (any other word counts as failed). */
    static ExportState of(String word) {
        return Named.parse(ExportState.class, word).orElse(FAILED);
    }
}
