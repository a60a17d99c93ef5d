package gatefold.server.invoices;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * An invoice or credit note as a one-page A4 PDF (PDFBox). The same sheet always gives the
 * same bytes: the trailer's /ID is a hash of the document's id and of what it shows, the
 * dates in the Info dictionary are the document's own date (never the clock), and the font
 * subset is named from the glyphs it holds.
 *
 * <p>Text is set in Liberation Sans, which PDFBox ships: Latin, Greek and Cyrillic; a
 * character it cannot show prints as '?'.
 */
final class InvoicePdf {

    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final byte[] FONT_BYTES = fontBytes();

    private InvoicePdf() {
    }

    static byte[] render(InvoiceSheet sheet) {
        try (PDDocument document = new PDDocument()) {
            PDType0Font font = PDType0Font.load(document, new ByteArrayInputStream(FONT_BYTES), true);
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            InvoiceLayout.draw(document, page, font, sheet);
            describe(document, sheet);
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write invoice " + sheet.number(), e);
        }
    }

    /** Info and trailer /ID from the sheet alone: nothing from the clock or chance. */
    private static void describe(PDDocument document, InvoiceSheet sheet) {
        PDDocumentInformation info = new PDDocumentInformation();
        info.setTitle(sheet.title() + " " + sheet.number());
        info.setAuthor(sheet.seller().get(0));
        info.setCreator("Gatefold");
        info.setProducer("Gatefold");
        Calendar date = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        date.clear();
        date.set(sheet.date().getYear(), sheet.date().getMonthValue() - 1, sheet.date().getDayOfMonth());
        info.setCreationDate(date);
        document.setDocumentInformation(info);
        COSArray id = new COSArray();
        id.add(new COSString(idBytes(sheet.documentId())));
        id.add(new COSString(idBytes(sheet.toString())));
        document.getDocument().getTrailer().setItem(COSName.ID, id);
        document.setDocumentId(0L);
    }

    /** The first 16 bytes of a SHA-256: the length PDF readers expect of an /ID. */
    private static byte[] idBytes(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(hash, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] fontBytes() {
        try (InputStream in = PDDocument.class.getResourceAsStream(FONT)) {
            if (in == null) {
                throw new IllegalStateException("PDFBox's " + FONT + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
