package gatefold.server.books;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A zip's central directory, read without loading any entry, and streams of one entry's
 * raw or inflated bytes. Zip64, encrypted entries and methods other than stored and
 * deflated are refused: no EPUB needs them.
 */
final class ZipIndex {

    static final int STORED = 0;
    static final int DEFLATED = 8;

    record Entry(String name, byte[] rawName, int versionNeeded, int flags, int method, int time, int date,
            long crc, long compressedSize, long size, long localHeader) {
    }

    private final FileChannel channel;
    private final List<Entry> entries;

    private ZipIndex(FileChannel channel, List<Entry> entries) {
        this.channel = channel;
        this.entries = entries;
    }

    List<Entry> entries() {
        return entries;
    }

    static ZipIndex read(FileChannel channel) throws IOException {
        long size = channel.size();
        int tail = (int) Math.min(size, 65535 + 22);
        ByteBuffer end = read(channel, size - tail, tail);
        int eocd = -1;
        for (int i = tail - 22; i >= 0; i--) {
            if (end.getInt(i) == 0x06054b50) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw EpubPreparation.unreadable("it is not a zip file");
        }
        int count = end.getShort(eocd + 10) & 0xffff;
        long dirSize = end.getInt(eocd + 12) & 0xffffffffL;
        long dirOffset = end.getInt(eocd + 16) & 0xffffffffL;
        if (count == 0xffff || dirOffset == 0xffffffffL || dirOffset + dirSize > size) {
            throw EpubPreparation.unreadable("it uses zip64 or its directory is damaged");
        }
        ByteBuffer dir = read(channel, dirOffset, (int) dirSize);
        List<Entry> entries = new ArrayList<>(count);
        int p = 0;
        for (int i = 0; i < count; i++) {
            if (p + 46 > dir.limit() || dir.getInt(p) != 0x02014b50) {
                throw EpubPreparation.unreadable("its zip directory is damaged");
            }
            int nameLength = dir.getShort(p + 28) & 0xffff;
            int skip = (dir.getShort(p + 30) & 0xffff) + (dir.getShort(p + 32) & 0xffff);
            byte[] rawName = new byte[nameLength];
            dir.get(p + 46, rawName);
            Entry e = new Entry(new String(rawName, StandardCharsets.UTF_8), rawName, dir.getShort(p + 6) & 0xffff,
                    dir.getShort(p + 8) & 0xffff, dir.getShort(p + 10) & 0xffff, dir.getShort(p + 12) & 0xffff,
                    dir.getShort(p + 14) & 0xffff, dir.getInt(p + 16) & 0xffffffffL, dir.getInt(p + 20) & 0xffffffffL,
                    dir.getInt(p + 24) & 0xffffffffL, dir.getInt(p + 42) & 0xffffffffL);
            check(e);
            entries.add(e);
            p += 46 + nameLength + skip;
        }
        return new ZipIndex(channel, entries);
    }

    private static void check(Entry e) {
        if ((e.flags() & 1) != 0) {
            throw EpubPreparation.unstampable("This EPUB is encrypted (" + e.name() + "): upload it without DRM.");
        }
        if (e.method() != STORED && e.method() != DEFLATED) {
            throw EpubPreparation.unreadable(e.name() + " uses an unusual compression method");
        }
        if (e.compressedSize() == 0xffffffffL || e.size() == 0xffffffffL || e.localHeader() == 0xffffffffL) {
            throw EpubPreparation.unreadable("it uses zip64");
        }
    }

    /** Where an entry's compressed bytes start, after its local header. */
    long dataStart(Entry e) throws IOException {
        ByteBuffer local = read(channel, e.localHeader(), 30);
        if (local.getInt(0) != 0x04034b50) {
            throw EpubPreparation.unreadable("the entry " + e.name() + " is not where the zip directory says");
        }
        long start = e.localHeader() + 30 + (local.getShort(26) & 0xffff) + (local.getShort(28) & 0xffff);
        if (start + e.compressedSize() > channel.size()) {
            throw EpubPreparation.unreadable("the entry " + e.name() + " runs past the end of the file");
        }
        return start;
    }

    /** The entry's bytes as stored in the zip. */
    InputStream raw(Entry e) throws IOException {
        return new java.io.BufferedInputStream(new Slice(channel, dataStart(e), e.compressedSize()), 64 * 1024);
    }

    /** The entry's content, inflated if need be. */
    InputStream content(Entry e) throws IOException {
        InputStream raw = raw(e);
        if (e.method() == STORED) {
            return raw;
        }
        Inflater inflater = new Inflater(true);
        return new InflaterInputStream(raw, inflater, 64 * 1024) {
            @Override
            public void close() throws IOException {
                inflater.end();
                super.close();
            }
        };
    }

    /** Copies the entry's stored bytes to {@code out} without passing them through the heap. */
    void transfer(Entry e, FileChannel out) throws IOException {
        long start = dataStart(e);
        long done = 0;
        while (done < e.compressedSize()) {
            long n = channel.transferTo(start + done, e.compressedSize() - done, out);
            if (n <= 0) {
                throw new java.io.EOFException("the zip ends inside " + e.name());
            }
            done += n;
        }
    }

    byte[] readAll(Entry e, int max) throws IOException {
        if (e.size() > max) {
            throw EpubPreparation.unreadable(e.name() + " is implausibly large");
        }
        try (InputStream in = content(e)) {
            return in.readNBytes(max);
        }
    }

    private static ByteBuffer read(FileChannel channel, long at, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining() && channel.read(buffer, at + buffer.position()) > 0) {
            // until full
        }
        return buffer.flip();
    }

    /** A range of the file read with positional reads; closing it leaves the file open for the next entry. */
    private static final class Slice extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        Slice(FileChannel channel, long start, long length) {
            this.channel = channel;
            this.position = start;
            this.end = start + length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
            if (n < 0) {
                throw new java.io.EOFException("the zip ends inside an entry");
            }
            position += n;
            return n;
        }
    }
}
