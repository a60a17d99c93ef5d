package gatefold.server.jobs;

import gatefold.server.common.Named;

/** Where a job is; kept in the database (and shown) as the lower-case word, like every {@link Named} state. */
public enum JobState implements Named {
    QUEUED, RUNNING, DONE, FAILED;

    /** Done or failed: nothing will run it again unless asked. */
    public boolean finished() {
        return this == DONE || this == FAILED;
    }

    @Override
    public String toString() {
        return id();
    }
}
