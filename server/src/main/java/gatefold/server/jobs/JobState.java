package gatefold.server.jobs;

/** Where a job is; kept in the database as the lower-case name. */
public enum JobState {
    QUEUED, RUNNING, DONE, FAILED;

    String column() {
        return name().toLowerCase();
    }

    static JobState of(String column) {
        return valueOf(column.toUpperCase());
    }

    /** Done or failed: nothing will run it again unless asked. */
    public boolean finished() {
        return this == DONE || this == FAILED;
    }
}
