package gatefold.server.media;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of ffmpeg or ffprobe: an argument list (never a shell, so no value is ever
 * interpreted), stdin closed, a deadline after which the process and its children are
 * killed, and output kept within fixed bounds so a chatty or hostile file cannot fill memory.
 */
final class ToolRun {

    /** How a run ended. */
    enum Ending { EXITED, TIMED_OUT, INTERRUPTED, NOT_STARTED }

    /** stdout is kept from its start (JSON) or its end (progress); stderr always from its end. */
    enum Keep { HEAD, TAIL }

    record Result(Ending ending, int exitCode, String stdout, boolean stdoutCut, String stderr) {
        boolean ok() {
            return ending == Ending.EXITED && exitCode == 0;
        }
    }

    static final int STDERR_LIMIT = 64 * 1024;

    private ToolRun() {
    }

    static Result run(List<String> command, Duration timeout, Keep keepStdout, int stdoutLimit) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(Ending.NOT_STARTED, -1, "", false, e.getMessage());
        }
        Capture out = new Capture(process.getInputStream(), keepStdout, stdoutLimit);
        Capture err = new Capture(process.getErrorStream(), Keep.TAIL, STDERR_LIMIT);
        Ending ending = Ending.EXITED;
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ending = Ending.TIMED_OUT;
            }
        } catch (InterruptedException e) {
            ending = Ending.INTERRUPTED;
            Thread.currentThread().interrupt();
        }
        if (ending != Ending.EXITED) {
            kill(process);
        }
        out.finish();
        err.finish();
        int code = ending == Ending.EXITED ? process.exitValue() : -1;
        return new Result(ending, code, out.text(), out.cut, err.text());
    }

    /** Kills the process and everything it started, and waits (briefly) until they are gone. */
    private static void kill(Process process) {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        family.add(process.toHandle());
        try {
            CompletableFuture.allOf(family.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the kill signals are sent; a process that outlives them is the OS's to reap
        }
    }

    /** Drains one stream on its own thread, keeping at most {@code limit} bytes. */
    private static final class Capture implements Runnable {
        private final InputStream in;
        private final Keep keep;
        private final byte[] kept;
        private int length;
        private long total;
        private boolean cut;
        private final Thread thread;

        Capture(InputStream in, Keep keep, int limit) {
            this.in = in;
            this.keep = keep;
            this.kept = new byte[limit];
            this.thread = new Thread(this, "gatefold-media-output");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    append(buffer, n);
                }
            } catch (IOException e) {
                // the process was killed or closed its end; what was kept is what we have
            }
        }

        private synchronized void append(byte[] buffer, int n) {
            total += n;
            if (keep == Keep.HEAD) {
                int room = Math.min(n, kept.length - length);
                System.arraycopy(buffer, 0, kept, length, room);
                length += room;
                cut |= room < n;
                return;
            }
            // ring buffer of the last bytes; `length` is the write position, `total` tells if it wrapped
            for (int i = 0; i < n; i++) {
                kept[length] = buffer[i];
                length = (length + 1) % kept.length;
            }
            cut |= total > kept.length;
        }

        void finish() {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized String text() {
            if (keep == Keep.HEAD || total <= kept.length) {
                return new String(kept, 0, keep == Keep.HEAD ? length : (int) total, StandardCharsets.UTF_8);
            }
            byte[] ordered = new byte[kept.length];
            System.arraycopy(kept, length, ordered, 0, kept.length - length);
            System.arraycopy(kept, 0, ordered, kept.length - length, length);
            return new String(ordered, StandardCharsets.UTF_8);
        }
    }
}
