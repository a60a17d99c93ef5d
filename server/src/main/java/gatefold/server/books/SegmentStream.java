package gatefold.server.books;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import gatefold.storage.BufferReadable;

/**
 * Reads a range of a stamped copy. Base ranges come in rising order, so one base stream
 * covers them all: the bytes between two of them (a zip's blank fields) are skipped. That
 * keeps a stamped EPUB with hundreds of fields to one ranged GET on the store. It reads into
 * buffers outside the heap too ({@link BufferReadable}), so a stamped book moves from the page
 * cache to the socket as an unstamped file does (measured: 0.25x of the unstamped download's
 * speed through heap arrays on a busy machine).
 */
final class SegmentStream extends InputStream implements BufferReadable {

    private final List<Segment> segments;
    private final BaseOpener opener;
    private int index;
    private long offsetInSegment;
    private long remaining;
    private InputStream base;
    private long basePosition;
    private long baseFirst = -1;
    private long baseEnd;
    /** For a base that reads only into arrays: one, reused. */
    private byte[] scratch;

    SegmentStream(List<Segment> segments, long[] starts, long first, long count, BaseOpener opener) {
        this.segments = segments;
        this.opener = opener;
        this.remaining = count;
        int found = Arrays.binarySearch(starts, first);
        this.index = found >= 0 ? found : -found - 2;
        this.offsetInSegment = first - starts[index];
        findBaseSpan(starts, first, count);
    }

    private void findBaseSpan(long[] starts, long first, long count) {
        long end = first + count;
        for (int i = index; i < segments.size() && starts[i] < end; i++) {
            if (segments.get(i) instanceof Segment.BaseRange range) {
                long from = range.offset() + Math.max(0, first - starts[i]);
                long to = range.offset() + Math.min(range.length(), end - starts[i]);
                if (to > from) {
                    baseFirst = baseFirst < 0 ? from : baseFirst;
                    baseEnd = to;
                }
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int wanted = wanted(len);
        if (wanted <= 0) {
            return wanted;
        }
        Segment segment = segments.get(index);
        int n;
        if (segment instanceof Segment.Literal literal) {
            ByteBuffer bytes = literal.bytes();
            bytes.position((int) offsetInSegment);
            bytes.get(b, off, wanted);
            n = wanted;
        } else {
            n = readBase(((Segment.BaseRange) segment).offset() + offsetInSegment, b, off, wanted);
        }
        offsetInSegment += n;
        remaining -= n;
        return n;
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        int wanted = wanted(target.remaining());
        if (wanted <= 0) {
            return wanted;
        }
        Segment segment = segments.get(index);
        int n;
        if (segment instanceof Segment.Literal literal) {
            ByteBuffer bytes = literal.bytes();
            bytes.position((int) offsetInSegment).limit((int) offsetInSegment + wanted);
            target.put(bytes);
            n = wanted;
        } else {
            n = readBase(((Segment.BaseRange) segment).offset() + offsetInSegment, target, wanted);
        }
        offsetInSegment += n;
        remaining -= n;
        return n;
    }

    /** How many bytes the next read may give from the current segment (moving past finished ones): 0 for none asked, -1 at the end. */
    private int wanted(int asked) {
        if (asked == 0) {
            return 0;
        }
        while (remaining > 0 && offsetInSegment >= segments.get(index).length()) {
            index++;
            offsetInSegment = 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        return (int) Math.min(asked, Math.min(remaining, segments.get(index).length() - offsetInSegment));
    }

    private int readBase(long position, ByteBuffer target, int len) throws IOException {
        seekBase(position);
        int n;
        if (base instanceof BufferReadable direct) {
            int limit = target.limit();
            target.limit(target.position() + len);
            try {
                n = direct.read(target);
            } finally {
                target.limit(limit);
            }
        } else {
            if (scratch == null) {
                scratch = new byte[64 * 1024];
            }
            n = base.read(scratch, 0, Math.min(len, scratch.length));
            if (n > 0) {
                target.put(scratch, 0, n);
            }
        }
        return counted(n);
    }

    private void seekBase(long position) throws IOException {
        if (base == null) {
            base = opener.open(baseFirst, baseEnd - baseFirst);
            basePosition = baseFirst;
        }
        if (position < basePosition) {
            throw new IllegalStateException("base ranges out of order");
        }
        if (position > basePosition) {
            base.skipNBytes(position - basePosition);
            basePosition = position;
        }
    }

    private int readBase(long position, byte[] b, int off, int len) throws IOException {
        seekBase(position);
        return counted(base.read(b, off, len));
    }

    private int counted(int n) throws EOFException {
        if (n < 0) {
            throw new EOFException("the book's base file ended early: it is not the file this stamp template was made for");
        }
        basePosition += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        if (base != null) {
            base.close();
        }
    }
}
