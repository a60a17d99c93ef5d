package gatefold.server.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Runs a server until SIGTERM or SIGINT, then stops it before the JVM starts to exit. Stopping
 * from a shutdown hook alone raced H2's own exit hook, which closes the embedded database at
 * once: the last download counts and job endings were lost on every restart ("Database is
 * already closed"). H2 cannot be told to leave that hook off while its file is shared with the
 * operator's commands (AUTO_SERVER), so the signal is taken here and the hook stays for other exits.
 */
public final class StopSignals {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {
    }

    /** Blocks until the process is asked to stop, then runs {@code stop} once. */
    public static void runUntilStopped(Runnable stop, String threadName) {
        CountDownLatch asked = new CountDownLatch(1);
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stopOnce = () -> {
            if (stopped.compareAndSet(false, true)) {
                stop.run();
            }
        };
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> asked.countDown());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // Taken by the JVM (-Xrs, a debugger): the exit hook below still stops the store.
                LOG.debug("SIG{} stays with the JVM: {}", name, e.getMessage());
            }
        }
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopOnce.run();
            done.countDown();
        }, threadName));
        try {
            asked.await();
            stopOnce.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
