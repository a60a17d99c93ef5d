package gatefold.server.moving;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Joins the archive writer (an OutputStream, on the job's thread) to the store's put (an
 * InputStream, on another thread) through a few 64 KiB chunks, so an export of any size streams
 * into the store in about a megabyte. Unlike {@code PipedInputStream}, a writer that fails makes
 * the reader fail rather than end: the store then keeps nothing, never a short archive that looks
 * whole. A reader that stops (the store refused) makes the next write fail, so the export stops too.
 */
final class ArchivePipe {

    private static final int CHUNK = 64 * 1024;
    private static final byte[] END = new byte[0];
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(16);
    private volatile IOException writerFailed;
    private volatile boolean readerGone;

    private final OutputStream output = new OutputStream() {
        private byte[] buffer = new byte[CHUNK];
        private int filled;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                int n = Math.min(length, CHUNK - filled);
                System.arraycopy(bytes, offset, buffer, filled, n);
                filled += n;
                offset += n;
                length -= n;
                if (filled == CHUNK) {
                    hand(buffer);
                    buffer = new byte[CHUNK];
                    filled = 0;
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                if (filled > 0) {
                    hand(java.util.Arrays.copyOf(buffer, filled));
                }
                hand(END);
            }
        }
    };

    private final InputStream input = new InputStream() {
        private byte[] current = new byte[0];
        private int at;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (at == current.length) {
                if (ended) {
                    return -1;
                }
                byte[] next = take();
                if (next == END) {
                    ended = true;
                    return -1;
                }
                current = next;
                at = 0;
            }
            int n = Math.min(length, current.length - at);
            System.arraycopy(current, at, into, offset, n);
            at += n;
            return n;
        }

        @Override
        public void close() {
            readerGone = true;
            chunks.clear();
        }
    };

    OutputStream output() {
        return output;
    }

    InputStream input() {
        return input;
    }

    /** The writer gave up: the reader's next read throws instead of ending. */
    void fail(Throwable cause) {
        writerFailed = new IOException("the archive could not be written: " + cause.getMessage(), cause);
        chunks.clear();
        chunks.offer(END);
    }

    /** The reader gave up (the store refused); the writer's next write throws. */
    void readerStopped() {
        readerGone = true;
        chunks.clear();
    }

    private void hand(byte[] chunk) throws IOException {
        try {
            while (!chunks.offer(chunk, 200, TimeUnit.MILLISECONDS)) {
                if (readerGone) {
                    throw new IOException("the store stopped taking the archive");
                }
            }
            if (readerGone) {
                throw new IOException("the store stopped taking the archive");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the export was stopped");
        }
    }

    private byte[] take() throws IOException {
        try {
            byte[] next = chunks.take();
            IOException failed = writerFailed;
            if (failed != null) {
                throw failed;
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the export was stopped");
        }
    }
}
