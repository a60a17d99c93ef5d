package gatefold.server.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * What becomes of a tool's stdout: kept from its start (JSON) or its end, at most a fixed number
 * of bytes, or handed line by line to a reader (ffmpeg's {@code -progress} lines as they come).
 */
public final class ToolOutput {

    /** Lines longer than this are cut: no file's metadata may make us hold a huge line. */
    public static final int MAX_LINE = 64 * 1024;

    private final boolean head;
    private final int limit;
    private final Consumer<String> lines;

    private ToolOutput(boolean head, int limit, Consumer<String> lines) {
        this.head = head;
        this.limit = limit;
        this.lines = lines;
    }

    /** The first {@code limit} bytes; the result says when there was more. */
    public static ToolOutput head(int limit) {
        return new ToolOutput(true, limit, null);
    }

    /** The last {@code limit} bytes. */
    public static ToolOutput tail(int limit) {
        return new ToolOutput(false, limit, null);
    }

    /** Each line to {@code reader}, on the draining thread (so it must be quick); nothing is kept. */
    public static ToolOutput lines(Consumer<String> reader) {
        return new ToolOutput(false, 0, reader);
    }

    /** Nothing kept. */
    public static ToolOutput ignored() {
        return lines(line -> { });
    }

    Drain drain(InputStream in) {
        Drain drain = lines == null ? new Kept(in, head, limit) : new Lines(in, lines);
        drain.thread.start();
        return drain;
    }

    /** Reads one stream to its end on its own thread. */
    abstract static class Drain implements Runnable {
        final InputStream in;
        final Thread thread;

        Drain(InputStream in) {
            this.in = in;
            this.thread = new Thread(this, "gatefold-tool-output");
            thread.setDaemon(true);
        }

        void finish() {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        abstract String text();

        abstract boolean cut();
    }

    /** Keeps at most {@code limit} bytes, from the start or (a ring buffer) from the end. */
    private static final class Kept extends Drain {
        private final boolean head;
        private final byte[] kept;
        private int length;
        private long total;
        private boolean cut;

        Kept(InputStream in, boolean head, int limit) {
            super(in);
            this.head = head;
            this.kept = new byte[limit];
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
            if (head) {
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

        @Override
        synchronized String text() {
            if (head || total <= kept.length) {
                return new String(kept, 0, head ? length : (int) total, StandardCharsets.UTF_8);
            }
            byte[] ordered = new byte[kept.length];
            System.arraycopy(kept, length, ordered, 0, kept.length - length);
            System.arraycopy(kept, 0, ordered, kept.length - length, length);
            return new String(ordered, StandardCharsets.UTF_8);
        }

        @Override
        synchronized boolean cut() {
            return cut;
        }
    }

    /** Hands each line (cut at {@link #MAX_LINE}, without its CR) to a reader. */
    private static final class Lines extends Drain {
        private final Consumer<String> lines;

        Lines(InputStream in, Consumer<String> lines) {
            super(in);
            this.lines = lines;
        }

        @Override
        public void run() {
            try (Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = reader.read()) != -1) {
                    if (c == '\n') {
                        lines.accept(line.toString());
                        line.setLength(0);
                    } else if (line.length() < MAX_LINE && c != '\r') {
                        line.append((char) c);
                    }
                }
                if (!line.isEmpty()) {
                    lines.accept(line.toString());
                }
            } catch (IOException e) {
                // the process was killed; what was read is what we have
            }
        }

        @Override
        String text() {
            return "";
        }

        @Override
        boolean cut() {
            return false;
        }
    }
}
