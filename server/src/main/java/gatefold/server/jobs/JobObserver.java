package gatefold.server.jobs;

import java.time.Duration;

/**
 * Hears how each run on this instance ended, for metrics (job durations and failures by
 * kind). Called on the worker thread after the outcome is recorded; keep it quick.
 */
@FunctionalInterface
public interface JobObserver {

    /** How a run ended here. */
    enum Ending {
        DONE, RETRY, FAILED,
        /** Another instance took the job over; nothing was recorded here. */
        LOST,
        /** Given back to the queue at shutdown. */
        GIVEN_BACK
    }

    void ended(JobKind kind, Ending ending, Duration took);

    JobObserver NONE = (kind, ending, took) -> { };
}
