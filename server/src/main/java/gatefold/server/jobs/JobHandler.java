package gatefold.server.jobs;

/**
 * Does one kind of job. It may run again after a crash or a failure, so it must be safe
 * to repeat: write results under content-keyed names, and put each outside effect (a
 * mail, a webhook call) in {@link JobContext#once}. It should answer an interrupt
 * (timeout, shutdown) by stopping, killing any child process it started.
 */
@FunctionalInterface
public interface JobHandler {
    JobResult run(JobContext ctx) throws Exception;
}
