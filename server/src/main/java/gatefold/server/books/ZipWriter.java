package gatefold.server.books;

import gatefold.server.common.Crc32Combine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a template zip: entries copied as they are (their compression kept, the bytes
 * moved by the kernel), and entries with buyer fields. A field sits in a stored block
 * inside the entry's deflate data (see {@link FieldDeflater}), so it is at a fixed offset
 * and the rest of the entry stays compressed. Each such entry's CRC-32, in its local
 * header and in the central directory, is a field too, computed per buyer from the CRCs
 * of the fixed parts.
 */
final class ZipWriter {

    private record Central(byte[] name, int versionNeeded, int flags, int method, int time, int date,
            long crc, long compressedSize, long size, long localHeader, int crcField) {
    }

    private final FileChannel out;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    private long position;
    private final List<Central> central = new ArrayList<>();
    private final FieldLayout layout;
    private final List<List<Part>> contents = new ArrayList<>();

    ZipWriter(FileChannel out, FieldLayout layout) {
        this.out = out;
        this.layout = layout;
    }

    List<List<Part>> contents() {
        return contents;
    }

    /** Copies an entry of the master byte for byte. */
    void copy(ZipIndex index, ZipIndex.Entry e) throws IOException {
        long header = position;
        localHeader(e.rawName(), e.versionNeeded(), e.flags() & ~0x0008, e.method(), e.time(), e.date(), e.crc(), e.compressedSize(), e.size());
        flush();
        index.transfer(e, out);
        position += e.compressedSize();
        central.add(new Central(e.rawName(), e.versionNeeded(), e.flags() & ~0x0008, e.method(), e.time(), e.date(),
                e.crc(), e.compressedSize(), e.size(), header, -1));
    }

    /** A small entry stored uncompressed (the mimetype). */
    void stored(String name, byte[] content, int time, int date) {
        CRC32 crc = new CRC32();
        crc.update(content);
        byte[] raw = name.getBytes(StandardCharsets.UTF_8);
        long header = position;
        localHeader(raw, 10, 0, ZipIndex.STORED, time, date, crc.getValue(), content.length, content.length);
        put(content);
        central.add(new Central(raw, 10, 0, ZipIndex.STORED, time, date, crc.getValue(), content.length, content.length, header, -1));
    }

    /** An entry whose content is parts in order: byte arrays, streams (read to the end) and fields. */
    void withFields(String name, int time, int date, List<Object> parts) throws IOException {
        byte[] raw = name.getBytes(StandardCharsets.UTF_8);
        long header = position;
        int crcField = layout.place(FieldSpec.zipCrc(contents.size()), header + 14);
        localHeader(raw, 20, 0x0800, ZipIndex.DEFLATED, time, date, 0, 0, 0);
        long dataStart = position;
        FieldDeflater deflater = new FieldDeflater(this, layout);
        List<Part> content = deflater.write(parts);
        long compressed = position - dataStart;
        long size = 0;
        long crc = 0;
        for (Part part : content) {
            long length = part.length(layout.fields());
            crc = Crc32Combine.combine(crc, part instanceof Part.Run run ? run.crc() : FieldDeflater.blankCrc(layout.fields().get(((Part.Slot) part).field())), length);
            size += length;
        }
        flush();
        ByteBuffer patch = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc).putInt((int) compressed).putInt((int) size).flip();
        out.write(patch, header + 14);
        contents.add(content);
        central.add(new Central(raw, 20, 0x0800, ZipIndex.DEFLATED, time, date, crc, compressed, size, header, crcField));
    }

    /** The central directory and its end record; returns the zip's length. */
    long finish() throws IOException {
        long start = position;
        for (Central c : central) {
            if (c.crcField() >= 0) {
                layout.placeAgain(c.crcField(), position + 16);
            }
            buffer(46 + c.name().length);
            buffer.putInt(0x02014b50).putShort((short) 20).putShort((short) c.versionNeeded()).putShort((short) c.flags())
                    .putShort((short) c.method()).putShort((short) c.time()).putShort((short) c.date()).putInt((int) c.crc())
                    .putInt((int) c.compressedSize()).putInt((int) c.size()).putShort((short) c.name().length)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0)
                    .putInt((int) c.localHeader()).put(c.name());
            position += 46 + c.name().length;
        }
        long size = position - start;
        buffer(22);
        buffer.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) central.size())
                .putShort((short) central.size()).putInt((int) size).putInt((int) start).putShort((short) 0);
        position += 22;
        flush();
        if (position > 0xffffffffL || central.size() > 0xfffe) {
            throw EpubPreparation.unstampable("This EPUB is too large to stamp (over 4 GB or 65,000 files).");
        }
        return position;
    }

    private void localHeader(byte[] name, int version, int flags, int method, int time, int date, long crc, long compressed, long size) {
        buffer(30 + name.length);
        buffer.putInt(0x04034b50).putShort((short) version).putShort((short) flags).putShort((short) method)
                .putShort((short) time).putShort((short) date).putInt((int) crc).putInt((int) compressed).putInt((int) size)
                .putShort((short) name.length).putShort((short) 0).put(name);
        position += 30 + name.length;
    }

    long position() {
        return position;
    }

    void put(byte[] bytes) {
        put(bytes, 0, bytes.length);
    }

    void put(byte[] bytes, int offset, int length) {
        int done = 0;
        while (done < length) {
            buffer(1);
            int n = Math.min(length - done, buffer.remaining());
            buffer.put(bytes, offset + done, n);
            done += n;
        }
        position += length;
    }

    /** Makes room for {@code n} bytes (at most the buffer's size) in the staging buffer. */
    private void buffer(int n) {
        if (buffer.remaining() < n) {
            flushUnchecked();
        }
    }

    private void flushUnchecked() {
        try {
            flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }
}
