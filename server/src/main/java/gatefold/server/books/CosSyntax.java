package gatefold.server.books;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;

/**
 * Writes PDFBox's objects back as PDF syntax, uncompressed: indirect objects as references
 * (so an update rewrites a page dictionary without copying what it points to), strings as
 * hex. PDFBox's own incremental writer may compress and pack objects, which would hide the
 * buyer fields; this keeps every byte where the template says it is.
 */
final class CosSyntax {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private CosSyntax() {
    }

    /** A reference to object {@code number} (generation {@code generation}), usable as a value. */
    static COSObject reference(long number, int generation) {
        return new COSObject(null, new COSObjectKey(number, generation));
    }

    static void write(COSBase value, OutputStream out) throws IOException {
        write(value, out, true);
    }

    /** Writes the dictionary's entries (without the brackets), leaving out {@code skip}. */
    static void writeEntries(COSDictionary dict, OutputStream out, Set<COSName> skip) throws IOException {
        for (Map.Entry<COSName, COSBase> entry : dict.entrySet()) {
            if (!skip.contains(entry.getKey())) {
                entry.getKey().writePDF(out);
                out.write(' ');
                write(entry.getValue(), out, false);
                out.write('\n');
            }
        }
    }

    private static void write(COSBase value, OutputStream out, boolean top) throws IOException {
        if (value instanceof COSObject ref) {
            ascii(out, ref.getObjectNumber() + " " + ref.getGenerationNumber() + " R");
        } else if (!top && value != null && value.getKey() != null && (value instanceof COSDictionary || value instanceof COSArray)) {
            ascii(out, value.getKey().getNumber() + " " + value.getKey().getGeneration() + " R");
        } else if (value == null || value instanceof COSNull) {
            ascii(out, "null");
        } else if (value instanceof COSStream) {
            throw new PdfUpdate.NeedsRewrite("a stream where a direct object was expected");
        } else if (value instanceof COSDictionary dict) {
            ascii(out, "<<");
            writeEntries(dict, out, Set.of());
            ascii(out, ">>");
        } else if (value instanceof COSArray array) {
            ascii(out, "[");
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) {
                    out.write(' ');
                }
                write(array.get(i), out, false);
            }
            ascii(out, "]");
        } else if (value instanceof COSName name) {
            name.writePDF(out);
        } else if (value instanceof COSString string) {
            ascii(out, "<" + HEX.formatHex(string.getBytes()) + ">");
        } else if (value instanceof COSInteger number) {
            number.writePDF(out);
        } else if (value instanceof COSFloat number) {
            number.writePDF(out);
        } else if (value instanceof COSBoolean bool) {
            ascii(out, bool.getValue() ? "true" : "false");
        } else {
            throw new PdfUpdate.NeedsRewrite("cannot write a " + value.getClass().getSimpleName());
        }
    }

    private static void ascii(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
