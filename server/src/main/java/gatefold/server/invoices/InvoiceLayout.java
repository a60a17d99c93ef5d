package gatefold.server.invoices;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Where everything sits on the page: title and number, seller and buyer side by side, one
 * line for the item with net, tax and total, then the totals. Long text wraps within its
 * column; an invoice for one release always fits one page.
 */
final class InvoiceLayout {

    private static final float LEFT = 56;
    private static final float RIGHT = 539;
    private static final float MIDDLE = 310;
    private static final float TOP = 786;
    private static final float BODY = 10;
    private static final float LEADING = 14;
    private final PDPageContentStream out;
    private final PDType0Font font;
    private final Map<Integer, Boolean> printable = new HashMap<>();

    private InvoiceLayout(PDPageContentStream out, PDType0Font font) {
        this.out = out;
        this.font = font;
    }

    static void draw(PDDocument document, PDPage page, PDType0Font font, InvoiceSheet sheet) throws IOException {
        try (PDPageContentStream out = new PDPageContentStream(document, page)) {
            new InvoiceLayout(out, font).sheet(sheet);
        }
    }

    private void sheet(InvoiceSheet s) throws IOException {
        text(LEFT, TOP, 22, s.title());
        float y = TOP - 30;
        text(LEFT, y, BODY, "Number: " + s.number());
        text(LEFT, y - LEADING, BODY, "Date: " + s.date());
        y -= 2 * LEADING;
        if (s.corrects() != null) {
            text(LEFT, y, BODY, "Corrects invoice " + s.corrects() + " in full.");
            y -= LEADING;
        }
        y -= LEADING;
        text(LEFT, y, 8, "FROM");
        text(MIDDLE, y, 8, "TO");
        float left = column(LEFT, y - LEADING, MIDDLE - LEFT - 16, s.seller());
        float right = column(MIDDLE, y - LEADING, RIGHT - MIDDLE, s.buyer());
        y = Math.min(left, right) - LEADING;
        y = item(s, y);
        totals(s, y - LEADING);
    }

    /** One party's lines, wrapped to the column; returns where the next line would go. */
    private float column(float x, float y, float width, List<String> lines) throws IOException {
        for (String line : lines) {
            for (String part : wrap(line, width, BODY)) {
                text(x, y, BODY, part);
                y -= LEADING;
            }
        }
        return y;
    }

    private float item(InvoiceSheet s, float y) throws IOException {
        float[] columns = {RIGHT - 200, RIGHT - 110, RIGHT};
        text(LEFT, y, 8, "ITEM");
        rightAligned(columns[0], y, 8, "NET");
        rightAligned(columns[1], y, 8, "TAX");
        rightAligned(columns[2], y, 8, "TOTAL (" + s.currency() + ")");
        rule(y - 5);
        y -= LEADING + 6;
        rightAligned(columns[0], y, BODY, s.net());
        rightAligned(columns[1], y, BODY, s.tax());
        rightAligned(columns[2], y, BODY, s.total());
        for (String part : wrap(s.item() + " (digital download)", columns[0] - LEFT - 70, BODY)) {
            text(LEFT, y, BODY, part);
            y -= LEADING;
        }
        rule(y + 4);
        return y;
    }

    private void totals(InvoiceSheet s, float y) throws IOException {
        String[][] rows = {{"Net", s.net()}, {s.taxLine(), s.tax()}, {"Total", s.total()}};
        for (String[] row : rows) {
            boolean last = row == rows[rows.length - 1];
            float size = last ? 12 : BODY;
            text(RIGHT - 250, y, size, row[0]);
            rightAligned(RIGHT, y, size, row[1] + " " + s.currency());
            y -= LEADING + (last ? 4 : 0);
        }
        text(LEFT, y - LEADING, 8, s.creditNote() ? "The amounts above are refunded." : "Paid in full. Amounts in " + s.currency() + ".");
    }

    private void rule(float y) throws IOException {
        out.setLineWidth(0.5f);
        out.moveTo(LEFT, y);
        out.lineTo(RIGHT, y);
        out.stroke();
    }

    private void rightAligned(float right, float y, float size, String text) throws IOException {
        String shown = printable(text);
        text(right - font.getStringWidth(shown) / 1000 * size, y, size, shown);
    }

    private void text(float x, float y, float size, String text) throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, y);
        out.showText(printable(text));
        out.endText();
    }

    /** Lines of at most {@code width} points, broken at spaces (or anywhere, for one very long word). */
    private List<String> wrap(String text, float width, float size) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : printable(text).split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
            line.setLength(0);
            String rest = word;
            while (font.getStringWidth(rest) / 1000 * size > width && rest.length() > 1) {
                int cut = rest.length() - 1;
                while (cut > 1 && font.getStringWidth(rest.substring(0, cut)) / 1000 * size > width) {
                    cut--;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** The text with every character the font has no glyph for (and every control character) as '?'. */
    private String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.appendCodePoint(printable.computeIfAbsent(cp, this::hasGlyph) ? cp : '?'));
        return out.toString();
    }

    private boolean hasGlyph(int codePoint) {
        if (Character.isISOControl(codePoint)) {
            return false;
        }
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            return false;
        }
    }
}
