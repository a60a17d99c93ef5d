package gatefold.server.jobs;

import java.time.Duration;

/**
 * How a run ended, as the handler sees it. Throwing counts as a failed attempt (retried
 * with backoff); {@link #failed} stops at once; {@link #retryIn} asks for another attempt
 * later (a mail server said "try again in 5 minutes").
 */
public record JobResult(Outcome outcome, String reason, Duration retryIn) {

    public enum Outcome { DONE, RETRY, FAILED }

    private static final JobResult DONE = new JobResult(Outcome.DONE, null, null);

    public static JobResult done() {
        return DONE;
    }

    /** Stop for good, with a reason the artist will read (for a corrupt master, say); no retries. */
    public static JobResult failed(String reason) {
        return new JobResult(Outcome.FAILED, reason, null);
    }

    /** Count this as a failed attempt but come back after {@code pause} rather than the kind's backoff. */
    public static JobResult retryIn(Duration pause, String reason) {
        return new JobResult(Outcome.RETRY, reason, pause);
    }
}
