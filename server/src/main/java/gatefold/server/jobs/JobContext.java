package gatefold.server.jobs;

/** What a handler knows about the run it is doing, and the few things it may ask of the queue. */
public interface JobContext {

    String jobId();

    String key();

    /** The small JSON text given at enqueue. */
    String payload();

    /** 1 for the first attempt. */
    int attempt();

    /** Records how far along the job is (0 to 1) for the dashboard; written at most about once a second. */
    void progress(double fraction);

    /** Whether this run still holds the job (a database read: call it between steps, not per byte). */
    boolean stillOwned();

    /**
     * Runs {@code effect} unless an earlier run of this job already started it. The key is
     * recorded (with a check that this run still holds the job) before the effect runs, so
     * the effect happens <em>at most once</em>: if the instance dies after recording and
     * before the effect finishes, the retry skips it and that recipient may get nothing.
     * We prefer a missing mail to a doubled one; the job's last error and the mail log show
     * it. An effect that knows nothing left (the connection was refused) throws
     * {@link NotSent}: the mark is removed and the job fails this attempt, to be retried.
     *
     * @return true if the effect ran now, false if it was skipped
     * @throws LeaseLost if this run no longer holds the job; the handler should just let it propagate
     */
    boolean once(String effectKey, Effect effect) throws Exception;

    @FunctionalInterface
    interface Effect {
        void run() throws Exception;
    }

    /** Thrown by an effect that is sure nothing was sent, so it may be tried again. */
    final class NotSent extends Exception {
        public NotSent(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** This run lost its lease (another instance has the job now); nothing it does will count. */
    final class LeaseLost extends RuntimeException {
        public LeaseLost(String jobId) {
            super("job " + jobId + " is no longer held by this run", null, false, false);
        }
    }
}
