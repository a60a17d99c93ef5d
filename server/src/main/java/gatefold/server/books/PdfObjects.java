package gatefold.server.books;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;

/**
 * Writes the update's objects, remembering where each one starts, then the cross-reference
 * section that lists them. Offsets are absolute in the stamped copy: the base's length
 * plus the position in the update.
 */
final class PdfObjects {

    private final UpdateBytes out;
    private final long base;
    private long next;
    private final TreeMap<Long, long[]> offsets = new TreeMap<>();

    PdfObjects(UpdateBytes out, long base, long firstFree) {
        this.out = out;
        this.base = base;
        this.next = firstFree;
    }

    long allocate() {
        return next++;
    }

    private void begin(long number, int generation) {
        if (offsets.put(number, new long[] {base + out.position(), generation}) != null) {
            throw new IllegalStateException("object " + number + " written twice");
        }
        out.ascii(number + " " + generation + " obj\n");
    }

    /** A dictionary object: the given one's entries but {@code skip}, then {@code extra} (text and fields). */
    void dictionary(COSObjectKey key, COSDictionary dict, Set<COSName> skip, List<Object> extra) throws IOException {
        begin(key.getNumber(), key.getGeneration());
        out.ascii("<<\n");
        CosSyntax.writeEntries(dict, out, skip);
        pieces(extra);
        out.ascii(">>\nendobj\n");
    }

    /** An uncompressed stream object of text, bytes and fields; its length is known before any buyer is. */
    void stream(long number, String dictEntries, List<Object> pieces) {
        long length = 0;
        for (Object piece : pieces) {
            length += piece instanceof FieldSpec f ? f.width() : piece instanceof byte[] b ? b.length : ((String) piece).length();
        }
        begin(number, 0);
        out.ascii("<< " + dictEntries + "/Length " + length + " >>\nstream\n");
        pieces(pieces);
        out.ascii("\nendstream\nendobj\n");
    }

    private void pieces(List<Object> pieces) {
        for (Object piece : pieces) {
            if (piece instanceof FieldSpec field) {
                out.field(field);
            } else if (piece instanceof byte[] bytes) {
                out.writeBytes(bytes);
            } else {
                out.ascii((String) piece);
            }
        }
    }

    /**
     * The cross-reference section for everything written, chained to the original's: a table
     * after a table, a stream after a stream (a reader of an xref-stream file may not expect
     * a table). The trailer carries {@code entries}, then the id field and its tail.
     */
    void crossReference(XrefChain.Chain chain, String entries, FieldSpec id, String idTail) {
        if (chain.newestIsStream()) {
            xrefStream(chain, entries, id, idTail);
            return;
        }
        long at = base + out.position();
        out.ascii("xref\n");
        for (List<Long> run : runs()) {
            out.ascii(run.get(0) + " " + run.size() + "\n");
            for (long number : run) {
                long[] entry = offsets.get(number);
                out.ascii(String.format("%010d %05d n\r\n", entry[0], entry[1]));
            }
        }
        out.ascii("trailer\n<< /Size " + next + " " + entries);
        out.field(id);
        out.ascii(idTail + " /Prev " + chain.startxref() + " >>\nstartxref\n" + at + "\n%%EOF\n");
    }

    private void xrefStream(XrefChain.Chain chain, String entries, FieldSpec id, String idTail) {
        long number = allocate();
        long at = base + out.position();
        offsets.put(number, new long[] {at, 0});
        int width = Math.max(4, (64 - Long.numberOfLeadingZeros(at) + 7) / 8);
        StringBuilder index = new StringBuilder();
        List<List<Long>> runs = runs();
        for (List<Long> run : runs) {
            index.append(index.length() == 0 ? "" : " ").append(run.get(0)).append(' ').append(run.size());
        }
        byte[] data = new byte[offsets.size() * (1 + width + 2)];
        int p = 0;
        for (Map.Entry<Long, long[]> entry : offsets.entrySet()) {
            data[p++] = 1;
            for (int i = width - 1; i >= 0; i--) {
                data[p++] = (byte) (entry.getValue()[0] >>> (8 * i));
            }
            data[p++] = (byte) (entry.getValue()[1] >>> 8);
            data[p++] = (byte) entry.getValue()[1];
        }
        out.ascii(number + " 0 obj\n<< /Type /XRef /Size " + next + " /Index [" + index + "] /W [1 " + width + " 2] " + entries);
        out.field(id);
        out.ascii(idTail + " /Prev " + chain.startxref() + " /Length " + data.length + " >>\nstream\n");
        out.writeBytes(data);
        out.ascii("\nendstream\nendobj\nstartxref\n" + at + "\n%%EOF\n");
    }

    /** Object numbers written, in runs of consecutive numbers. */
    private List<List<Long>> runs() {
        List<List<Long>> runs = new ArrayList<>();
        List<Long> run = null;
        for (long number : offsets.keySet()) {
            if (run == null || run.get(run.size() - 1) != number - 1) {
                run = new ArrayList<>();
                runs.add(run);
            }
            run.add(number);
        }
        return runs;
    }
}
