package gatefold.server.tools;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The encoders one server may run at once (GATEFOLD_TRANSCODE_WORKERS): every ffmpeg that
 * encodes, decodes a whole master or packages a film takes a slot for as long as it runs. The
 * media lane has one thread more than slots, so while a job stores what it made (checksums, the
 * copy into the store, its rows) the next encode already runs. The bench's formats figure moved
 * within its noise with this (0.81x to 0.95x over runs; the gap it had was the reference's
 * commands, see bench/README.md); the point is that the limit counts ffmpeg runs, as documented.
 */
public final class ToolSlots {

    private final Semaphore free;

    public ToolSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("at least one slot");
        }
        this.free = new Semaphore(slots, true);
    }

    /** {@link ToolRun#run}, once a slot is free; a run stopped while it waits ends {@link ToolRun.Ending#INTERRUPTED}. */
    public ToolRun.Result run(List<String> command, Duration timeout, ToolOutput stdout) {
        try {
            free.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ToolRun.Result(ToolRun.Ending.INTERRUPTED, -1, "", false, "stopped while waiting for a free encoder");
        }
        try {
            return ToolRun.run(command, timeout, stdout);
        } finally {
            free.release();
        }
    }

    /** Slots free now (for tests and the status). */
    public int available() {
        return free.availablePermits();
    }
}
