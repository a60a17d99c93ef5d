package gatefold.server.books;

import java.util.List;
import java.util.Locale;

/**
 * The one form every page draws: the footer line, faded, centred on its origin, and the
 * order id in invisible text (render mode 3) that text extraction still finds. Its font
 * size, start and text are buyer fields; everything else is fixed at preparation.
 */
final class StampForm {

    static final int SIZE_WIDTH = 8;
    static final int SHIFT_WIDTH = 10;
    static final int MARK_CHARS = 64;
    static final String OPACITY = "0.6";
    static final String GRAY = "0.3";

    private StampForm() {
    }

    static void write(PdfObjects objects, long number, FooterFit fit) {
        double half = fit.width() / 2 + 2;
        String bbox = String.format(Locale.ROOT, "[%.2f %.2f %.2f %.2f]", -half, -0.25 * fit.maxSize() - 1, half, fit.maxSize() + 4);
        String dict = "/Type /XObject /Subtype /Form /BBox " + bbox
                + " /Resources << /Font << /GatefoldHelvetica << /Type /Font /Subtype /Type1 /BaseFont /" + FooterFont.BASE_FONT
                + " /Encoding /WinAnsiEncoding >> >> /ExtGState << /GatefoldFaded << /Type /ExtGState /ca " + OPACITY + " /CA " + OPACITY
                + " >> >> /ProcSet [/PDF /Text] >> ";
        // Above the footer's line, so text extraction does not mix the mark into the footer.
        String markStart = String.format(Locale.ROOT, "%.2f %.2f", -fit.width() / 2, fit.maxSize() + 2);
        List<Object> content = List.of(
                "q /GatefoldFaded gs " + GRAY + " g\nBT /GatefoldHelvetica ", FieldSpec.of(FieldKind.FOOTER_SIZE, SIZE_WIDTH), " Tf ",
                FieldSpec.of(FieldKind.FOOTER_SHIFT, SHIFT_WIDTH), " 0 Td <", FieldSpec.of(FieldKind.FOOTER_TEXT, 2 * fit.maxChars()), "> Tj ET\n",
                "BT 3 Tr /GatefoldHelvetica 1 Tf " + markStart + " Td <", FieldSpec.of(FieldKind.PDF_MARK, 2 * MARK_CHARS), "> Tj ET\nQ");
        objects.stream(number, dict, content);
    }
}
