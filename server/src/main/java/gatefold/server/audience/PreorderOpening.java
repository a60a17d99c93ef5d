package gatefold.server.audience;

import gatefold.server.jobs.JobContext;
import gatefold.server.jobs.JobHandler;
import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.JobResult;
import gatefold.server.jobs.Lane;
import java.time.Clock;
import java.time.Duration;

/**
 * The periodic job that opens pre-orders whose day has come. One row in the job queue runs it
 * on one instance at a time; a restart just runs it again, and it picks up whatever is still waiting.
 */
final class PreorderOpening implements JobHandler {

    static final JobKind KIND = JobKind.of("audience.preorders", Lane.MAIL).withTimeout(Duration.ofMinutes(30));
    static final Duration EVERY = Duration.ofMinutes(1);
    private final Preorders preorders;
    private final Clock clock;

    PreorderOpening(Preorders preorders, Clock clock) {
        this.preorders = preorders;
        this.clock = clock;
    }

    @Override
    public JobResult run(JobContext ctx) {
        preorders.releaseDue(clock.instant());
        return JobResult.done();
    }
}
