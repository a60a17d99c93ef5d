package gatefold.server.books;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Deflates an entry's content with its fields left as stored blocks. Each run of fixed
 * content is compressed by a fresh deflater and flushed to a byte boundary (a sync flush),
 * then a field goes in as a stored block: one header byte, its length twice, its bytes. A
 * fresh deflater per run means no back-reference ever reaches into a field, so any buyer's
 * bytes can replace the blank ones. A chapter stays compressed; only its mark is not.
 */
final class FieldDeflater {

    private final ZipWriter out;
    private final FieldLayout layout;
    private final byte[] chunk = new byte[64 * 1024];

    FieldDeflater(ZipWriter out, FieldLayout layout) {
        this.out = out;
        this.layout = layout;
    }

    /** Writes the parts (byte arrays, streams read to their end, fields); returns the content's runs and slots. */
    List<Part> write(List<Object> parts) throws IOException {
        List<Object> all = new ArrayList<>(parts);
        if (all.isEmpty() || all.get(all.size() - 1) instanceof FieldSpec) {
            all.add(new byte[0]); // the final block must come from a deflater
        }
        List<Part> content = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Object part = all.get(i);
            if (part instanceof FieldSpec spec) {
                int w = spec.width();
                out.put(new byte[] {0, (byte) w, (byte) (w >>> 8), (byte) ~w, (byte) (~w >>> 8)});
                content.add(new Part.Slot(layout.place(spec, out.position())));
                out.put(spec.blank());
            } else {
                content.add(deflate(part, i == all.size() - 1));
            }
        }
        return content;
    }

    private Part.Run deflate(Object part, boolean last) throws IOException {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        CRC32 crc = new CRC32();
        long length = 0;
        try {
            if (part instanceof byte[] bytes) {
                feed(deflater, bytes, bytes.length, crc);
                length = bytes.length;
            } else {
                InputStream in = (InputStream) part;
                byte[] input = new byte[64 * 1024];
                int n;
                while ((n = in.read(input)) >= 0) {
                    feed(deflater, input, n, crc);
                    length += n;
                }
            }
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    out.put(chunk, 0, deflater.deflate(chunk));
                }
            } else {
                int n;
                do {
                    n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
                    out.put(chunk, 0, n);
                } while (n == chunk.length);
            }
        } finally {
            deflater.end();
        }
        return new Part.Run(Part.Source.NONE, 0, length, crc.getValue());
    }

    private void feed(Deflater deflater, byte[] input, int length, CRC32 crc) {
        crc.update(input, 0, length);
        deflater.setInput(input, 0, length);
        while (!deflater.needsInput()) {
            out.put(chunk, 0, deflater.deflate(chunk));
        }
    }

    static long blankCrc(FieldSpec spec) {
        CRC32 crc = new CRC32();
        crc.update(spec.blank());
        return crc.getValue();
    }
}
