package gatefold.server.books;

import java.util.ArrayList;
import java.util.List;

/** The rows of a decoded xref stream: PNG predictor rows undone, then fixed-width entries read. */
final class XrefRows {

    private XrefRows() {
    }

    /** Undoes PNG row filters (None, Sub, Up, Average, Paeth) over rows of {@code columns} bytes, one byte per pixel. */
    static byte[] undo(byte[] data, int columns) throws XrefChain.Broken {
        if (columns <= 0 || columns > 64) {
            throw new XrefChain.Broken("an xref stream's predictor /Columns is out of range");
        }
        int rows = data.length / (columns + 1);
        byte[] out = new byte[rows * columns];
        for (int r = 0; r < rows; r++) {
            int filter = data[r * (columns + 1)] & 0xff;
            for (int c = 0; c < columns; c++) {
                int x = data[r * (columns + 1) + 1 + c] & 0xff;
                int left = c > 0 ? out[r * columns + c - 1] & 0xff : 0;
                int up = r > 0 ? out[(r - 1) * columns + c] & 0xff : 0;
                int upLeft = r > 0 && c > 0 ? out[(r - 1) * columns + c - 1] & 0xff : 0;
                int value = switch (filter) {
                    case 0 -> x;
                    case 1 -> x + left;
                    case 2 -> x + up;
                    case 3 -> x + (left + up) / 2;
                    case 4 -> x + paeth(left, up, upLeft);
                    default -> throw new XrefChain.Broken("an xref stream has an unknown PNG row filter");
                };
                out[r * columns + c] = (byte) value;
            }
        }
        return out;
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /** Entries as {object number, type, field 2, field 3}; a zero-width type field means type 1. */
    static List<long[]> entries(byte[] data, int[] width, List<?> index) throws XrefChain.Broken {
        int rowLength = width[0] + width[1] + width[2];
        if (rowLength == 0 || index.size() % 2 != 0) {
            throw new XrefChain.Broken("an xref stream's /W or /Index is malformed");
        }
        List<long[]> entries = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < index.size(); i += 2) {
            long first = XrefChain.number(index.get(i));
            long count = XrefChain.number(index.get(i + 1));
            if (count < 0 || (long) at + count * rowLength > data.length) {
                throw new XrefChain.Broken("an xref stream has fewer entries than its /Index says");
            }
            for (long n = 0; n < count; n++) {
                long type = width[0] == 0 ? 1 : field(data, at, width[0]);
                long second = field(data, at + width[0], width[1]);
                long third = field(data, at + width[0] + width[1], width[2]);
                entries.add(new long[] {first + n, type, second, third});
                at += rowLength;
            }
        }
        return entries;
    }

    private static long field(byte[] data, int at, int width) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            value = (value << 8) | (data[at + i] & 0xff);
        }
        return value;
    }
}
