package gatefold.server.books;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The fields of a blob being prepared, and where each sits. Once the blob is written,
 * {@link #parts} reads it once to cut it into runs (with their CRCs) and slots.
 */
final class FieldLayout {

    private record Placement(long offset, int field) {
    }

    private final List<FieldSpec> fields = new ArrayList<>();
    private final List<Placement> placements = new ArrayList<>();

    /** Registers a field placed at {@code offset}; returns its index. */
    int place(FieldSpec spec, long offset) {
        fields.add(spec);
        placements.add(new Placement(offset, fields.size() - 1));
        return fields.size() - 1;
    }

    /** Places an existing field once more (a zip CRC sits in a local header and in the central directory). */
    void placeAgain(int field, long offset) {
        placements.add(new Placement(offset, field));
    }

    List<FieldSpec> fields() {
        return fields;
    }

    /** The blob as runs of {@code source} between slots, reading {@code blob} (of {@code length} bytes) once. */
    List<Part> parts(Part.Source source, InputStream blob, long length) throws IOException {
        List<Placement> sorted = new ArrayList<>(placements);
        sorted.sort(Comparator.comparingLong(Placement::offset));
        List<Part> parts = new ArrayList<>();
        long position = 0;
        for (Placement p : sorted) {
            if (p.offset() < position) {
                throw new IllegalStateException("overlapping fields at " + p.offset());
            }
            addRun(parts, source, blob, position, p.offset() - position);
            int width = fields.get(p.field()).width();
            blob.skipNBytes(width);
            parts.add(new Part.Slot(p.field()));
            position = p.offset() + width;
        }
        addRun(parts, source, blob, position, length - position);
        return parts;
    }

    private static void addRun(List<Part> parts, Part.Source source, InputStream blob, long offset, long length) throws IOException {
        if (length > 0) {
            parts.add(new Part.Run(source, offset, length, crc(blob, length)));
        }
    }

    static long crc(InputStream in, long length) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("blob shorter than its layout");
            }
            crc.update(buffer, 0, n);
            left -= n;
        }
        return crc.getValue();
    }
}
