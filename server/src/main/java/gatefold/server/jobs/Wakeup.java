package gatefold.server.jobs;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A nudge for a lane's dispatcher: a job was enqueued here, or a worker became free. */
final class Wakeup {

    private boolean signalled;

    synchronized void signal() {
        signalled = true;
        notifyAll();
    }

    /** Returns when signalled (now or since the last wait) or after {@code max}. */
    synchronized void await(Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!signalled) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        signalled = false;
    }
}
