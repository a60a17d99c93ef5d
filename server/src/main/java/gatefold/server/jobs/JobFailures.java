package gatefold.server.jobs;

import gatefold.server.common.Refusal;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How a failed run is told: a short reason the artist sees on the dashboard, and the log line for the operator. */
final class JobFailures {

    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);
    private static final int MAX_REASON = 300;

    private JobFailures() {
    }

    /** Short and meant for the artist: a refusal's own words, never a stack trace. */
    static String reason(JobKind kind, boolean timedOut, JobResult result, Throwable error) {
        String reason;
        if (timedOut) {
            reason = "timed out after " + describe(kind.timeout());
        } else if (error == null) {
            reason = result.reason() == null ? "failed" : result.reason();
        } else if (error instanceof Refusal refusal) {
            reason = refusal.getMessage();
        } else {
            reason = "failed: " + error.getClass().getSimpleName();
        }
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
    }

    /** {@code run} names the job and attempt; a refusal or timeout is logged in its own words, anything else with its trace at debug. */
    static void log(String run, boolean timedOut, String reason, Throwable error, boolean last) {
        String next = last ? "giving up" : "will retry";
        if (error == null || error instanceof Refusal || timedOut) {
            LOG.warn("{} failed: {}; {}", run, reason, next);
        } else {
            LOG.warn("{} failed: {}; {}", run, error, next);
            LOG.debug("{} failure", run, error);
        }
    }

    static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
