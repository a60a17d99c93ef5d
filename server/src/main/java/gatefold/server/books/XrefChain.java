package gatefold.server.books;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Checks a PDF's own cross-reference chain, the one an appended update points back to:
 * startxref, each table or stream, each /Prev, and that every in-use entry points at its
 * object. PDFBox quietly repairs a broken chain when it loads a file, but other readers
 * (and qpdf --check) would still follow the broken one after our update, so a file that
 * fails here is rewritten once at preparation instead.
 */
final class XrefChain {

    /** What the update needs to know: where the newest section is, whether it is a stream, and the object count. */
    record Chain(long startxref, boolean newestIsStream, long size) {
    }

    static final class Broken extends Exception {
        Broken(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final int MAX_SECTIONS = 10_000;
    private final PdfCursor cursor;
    private final Set<Long> visited = new HashSet<>();
    private long size = -1;

    private XrefChain(PdfCursor cursor) {
        this.cursor = cursor;
    }

    static Chain read(Path pdf) throws IOException, Broken {
        try (FileChannel channel = FileChannel.open(pdf, StandardOpenOption.READ)) {
            XrefChain chain = new XrefChain(new PdfCursor(channel));
            return chain.follow();
        }
    }

    private Chain follow() throws IOException, Broken {
        long start = startxref();
        boolean newestIsStream = false;
        long offset = start;
        boolean first = true;
        while (offset >= 0) {
            if (!visited.add(offset) || visited.size() > MAX_SECTIONS) {
                throw new Broken("the cross-reference chain loops");
            }
            cursor.seek(offset);
            Map<String, Object> trailer;
            if (cursor.keyword("xref")) {
                trailer = table();
            } else {
                trailer = stream(offset);
                newestIsStream |= first;
            }
            if (first) {
                size = number(trailer.get("Size"));
            }
            first = false;
            offset = trailer.containsKey("Prev") ? number(trailer.get("Prev")) : -1;
        }
        if (size <= 0) {
            throw new Broken("the trailer has no /Size");
        }
        return new Chain(start, newestIsStream, size);
    }

    private long startxref() throws IOException, Broken {
        long tailStart = Math.max(0, cursor.size() - 2048);
        String tail = new String(cursor.read(tailStart, 2048), StandardCharsets.ISO_8859_1);
        int at = tail.lastIndexOf("startxref");
        if (at < 0) {
            throw new Broken("no startxref at the end of the file");
        }
        cursor.seek(tailStart + at + "startxref".length());
        long offset = cursor.integer();
        if (offset < 0 || offset >= cursor.size()) {
            throw new Broken("startxref points outside the file");
        }
        return offset;
    }

    /** A classic table from just after "xref": its subsections, then the trailer dictionary. */
    private Map<String, Object> table() throws IOException, Broken {
        while (!cursor.keyword("trailer")) {
            long first = cursor.integer();
            long count = cursor.integer();
            if (first < 0 || count < 0 || count > cursor.size() / 20) {
                throw new Broken("a cross-reference subsection header is malformed");
            }
            cursor.skipSpace();
            for (long i = 0; i < count; i++) {
                entry(first + i);
            }
        }
        Map<String, Object> trailer = dictionary(cursor.value());
        if (trailer.containsKey("XRefStm")) {
            long at = number(trailer.get("XRefStm"));
            if (visited.add(at)) {
                stream(at);
            }
        }
        return trailer;
    }

    /** One 20-byte entry: ten digits, a space, five digits, a space, n or f, a two-byte end of line. */
    private void entry(long objectNumber) throws IOException, Broken {
        byte[] e = cursor.read(cursor.position(), 20);
        cursor.seek(cursor.position() + 20);
        String text = new String(e, StandardCharsets.ISO_8859_1);
        if (!text.matches("\\d{10} \\d{5} [nf](\r\n| \r| \n)")) {
            throw new Broken("a cross-reference entry is malformed near object " + objectNumber);
        }
        if (text.charAt(17) == 'n') {
            objectAt(Long.parseLong(text.substring(0, 10)), objectNumber, Integer.parseInt(text.substring(11, 16)));
        }
    }

    /** A cross-reference stream at {@code offset}: its entries are checked, its dictionary returned. */
    private Map<String, Object> stream(long offset) throws IOException, Broken {
        cursor.seek(offset);
        long number = cursor.integer();
        long generation = cursor.integer();
        if (number < 0 || generation < 0 || !cursor.keyword("obj")) {
            throw new Broken("the cross-reference offset does not point at a table or an object");
        }
        Map<String, Object> dict = dictionary(cursor.value());
        if (!"/XRef".equals(dict.get("Type")) || !cursor.keyword("stream")) {
            throw new Broken("the cross-reference offset points at an object that is not an xref stream");
        }
        if (cursor.peek() == '\r') {
            cursor.next();
        }
        if (cursor.next() != '\n') {
            throw new Broken("an xref stream's data does not start on a new line");
        }
        long length = number(dict.get("Length"));
        if (length > 64L * 1024 * 1024 || cursor.position() + length > cursor.size()) {
            throw new Broken("an xref stream's /Length is out of range");
        }
        byte[] data = XrefStreamData.decode(cursor.read(cursor.position(), (int) length), dict);
        cursor.seek(cursor.position() + length);
        if (!cursor.keyword("endstream")) {
            throw new Broken("an xref stream's /Length is wrong");
        }
        for (long[] entry : XrefStreamData.entries(data, dict, number(dict.get("Size")))) {
            if (entry[1] == 1) {
                objectAt(entry[2], entry[0], (int) entry[3]);
            }
        }
        return dict;
    }

    private void objectAt(long offset, long number, int generation) throws IOException, Broken {
        String expected = number + " " + generation + " obj";
        byte[] head = cursor.read(offset, expected.length() + 24);
        String text = new String(head, StandardCharsets.ISO_8859_1).replaceAll("[\\x00\\t\\n\\f\\r ]+", " ");
        if (!text.startsWith(expected)) {
            throw new Broken("object " + number + " is not where the cross-reference table says");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dictionary(Object value) throws Broken {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new Broken("a dictionary was expected");
    }

    static long number(Object value) throws Broken {
        if (value instanceof Long n) {
            return n;
        }
        throw new Broken("a direct number was expected, found " + (value instanceof PdfCursor.Ref ? "a reference" : String.valueOf(value)));
    }

    /** Decodes an xref stream's data (Flate with PNG predictors, or none) and lists its entries. */
    static final class XrefStreamData {
        private XrefStreamData() {
        }

        static byte[] decode(byte[] raw, Map<String, Object> dict) throws Broken {
            Object filter = dict.get("Filter");
            if (filter instanceof List<?> list && list.size() == 1) {
                filter = list.get(0);
            }
            if (filter == null) {
                return raw;
            }
            if (!"/FlateDecode".equals(filter)) {
                throw new Broken("an xref stream uses an unusual filter: " + filter);
            }
            byte[] inflated = inflate(raw);
            Object parms = dict.get("DecodeParms");
            if (parms instanceof List<?> list && list.size() == 1) {
                parms = list.get(0);
            }
            Map<String, Object> p = parms == null ? Map.of() : dictionary(parms);
            long predictor = p.containsKey("Predictor") ? number(p.get("Predictor")) : 1;
            if (predictor == 1) {
                return inflated;
            }
            if (predictor < 10) {
                throw new Broken("an xref stream uses a TIFF predictor");
            }
            return XrefRows.undo(inflated, (int) (p.containsKey("Columns") ? number(p.get("Columns")) : 1));
        }

        private static byte[] inflate(byte[] raw) throws Broken {
            Inflater inflater = new Inflater();
            inflater.setInput(raw);
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
            byte[] buffer = new byte[64 * 1024];
            try {
                while (!inflater.finished()) {
                    int n = inflater.inflate(buffer);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    if (out.size() > 256 * 1024 * 1024) {
                        throw new Broken("an xref stream is implausibly large");
                    }
                }
            } catch (DataFormatException e) {
                throw new Broken("an xref stream's data is corrupt");
            } finally {
                inflater.end();
            }
            return out.toByteArray();
        }

        /** Entries as {object number, type, field 2, field 3}. */
        static List<long[]> entries(byte[] data, Map<String, Object> dict, long size) throws Broken {
            Object w = dict.get("W");
            if (!(w instanceof List<?> widths) || widths.size() != 3) {
                throw new Broken("an xref stream has no valid /W");
            }
            int[] width = new int[3];
            for (int i = 0; i < 3; i++) {
                width[i] = (int) number(widths.get(i));
                if (width[i] < 0 || width[i] > 8) {
                    throw new Broken("an xref stream's /W is out of range");
                }
            }
            List<?> index = dict.get("Index") instanceof List<?> l ? l : List.of(0L, size);
            return XrefRows.entries(data, width, index);
        }
    }
}
