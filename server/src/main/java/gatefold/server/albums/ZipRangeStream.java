package gatefold.server.albums;

import gatefold.storage.BufferReadable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Bytes {@code [position, end)} of a laid-out zip, read segment by segment. An entry's
 * source is opened for exactly the part of it that the range covers, and closed as soon as
 * that part is read, so at most one source is open at a time. The first source the range
 * needs is opened by {@link #openFirstSource}, before any byte is sent, so a store that is
 * down fails the request while it can still be answered with an error.
 *
 * <p>It is {@link BufferReadable} too, so a download copies an album from the local disk the
 * way it copies a single file, through a buffer outside the heap (an album of WAV files on two
 * busy cores went from 0.69x of nginx's sendfile through heap arrays; see bench/run's album figure).
 */
final class ZipRangeStream extends InputStream implements BufferReadable {

    private final ZipLayout layout;
    private final long end;
    private long position;
    private int segment = -1;
    private byte[] header;
    private InputStream source;
    private int firstSegment = -1;
    private InputStream firstSource;
    private byte[] spare;

    ZipRangeStream(ZipLayout layout, long offset, long length) {
        this.layout = layout;
        this.position = offset;
        this.end = offset + length;
    }

    /** Opens the source of the first entry bytes in the range, if there are any. */
    void openFirstSource() throws IOException {
        if (position >= end) {
            return;
        }
        for (int s = layout.segmentAt(position); s < layout.segmentCount() && layout.start(s) < end; s++) {
            ZipItem item = layout.itemOf(s);
            if (item != null && layout.end(s) > layout.start(s)) {
                long from = Math.max(position, layout.start(s));
                firstSource = item.bytes().open(from - layout.start(s), Math.min(end, layout.end(s)) - from);
                firstSegment = s;
                return;
            }
            if (!layout.holdsEntries(s)) {
                return;
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        enterSegment();
        int wanted = (int) Math.min(len, Math.min(end, layout.end(segment)) - position);
        int n = header != null ? fromHeader(b, off, wanted) : fromSource(b, off, wanted);
        position += n;
        if (position == layout.end(segment) || position == end) {
            leaveSegment();
        }
        return n;
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        if (!target.hasRemaining()) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        enterSegment();
        int wanted = (int) Math.min(target.remaining(), Math.min(end, layout.end(segment)) - position);
        int n;
        if (header != null) {
            target.put(header, (int) (position - layout.start(segment)), wanted);
            n = wanted;
        } else {
            n = fromSource(target, wanted);
        }
        position += n;
        if (position == layout.end(segment) || position == end) {
            leaveSegment();
        }
        return n;
    }

    /** Straight into the buffer when the source can (a file on the local disk), else through one small array. */
    private int fromSource(ByteBuffer target, int wanted) throws IOException {
        if (!(source instanceof BufferReadable direct)) {
            if (spare == null) {
                spare = new byte[64 * 1024];
            }
            int n = fromSource(spare, 0, Math.min(wanted, spare.length));
            target.put(spare, 0, n);
            return n;
        }
        int limit = target.limit();
        target.limit(target.position() + wanted);
        try {
            int n = direct.read(target);
            while (n == 0) {
                n = direct.read(target);
            }
            if (n < 0) {
                throw endedEarly();
            }
            return n;
        } finally {
            target.limit(limit);
        }
    }

    private void enterSegment() throws IOException {
        if (segment >= 0) {
            return;
        }
        segment = layout.segmentAt(position);
        ZipItem item = layout.itemOf(segment);
        if (item == null) {
            header = layout.headerOf(segment);
        } else if (segment == firstSegment) {
            source = firstSource;
            firstSource = null;
            firstSegment = -1;
        } else {
            long from = position - layout.start(segment);
            long upTo = Math.min(end, layout.end(segment)) - position;
            source = item.bytes().open(from, upTo);
        }
    }

    private int fromHeader(byte[] b, int off, int wanted) {
        System.arraycopy(header, (int) (position - layout.start(segment)), b, off, wanted);
        return wanted;
    }

    private int fromSource(byte[] b, int off, int wanted) throws IOException {
        int n = source.read(b, off, wanted);
        while (n == 0) {
            n = source.read(b, off, wanted);
        }
        if (n < 0) {
            throw endedEarly();
        }
        return n;
    }

    private IOException endedEarly() {
        ZipItem item = layout.itemOf(segment);
        return new IOException("The bytes of \"" + item.name() + "\" ended before its recorded size of "
                + item.size() + " (at " + (position - layout.start(segment)) + "): the item no longer matches what the zip was laid out from.");
    }

    private void leaveSegment() throws IOException {
        segment = -1;
        header = null;
        if (source != null) {
            InputStream done = source;
            source = null;
            done.close();
        }
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = Math.max(0, Math.min(n, end - position));
        if (skipped > 0) {
            leaveSegment();
            dropFirstSource(); // it was opened for the position skipped from
            position += skipped;
        }
        return skipped;
    }

    @Override
    public int available() {
        return header != null ? (int) (Math.min(end, layout.end(segment)) - position) : 0;
    }

    @Override
    public void close() throws IOException {
        position = end;
        try {
            leaveSegment();
        } finally {
            dropFirstSource();
        }
    }

    private void dropFirstSource() throws IOException {
        firstSegment = -1;
        if (firstSource != null) {
            InputStream unused = firstSource;
            firstSource = null;
            unused.close();
        }
    }
}
