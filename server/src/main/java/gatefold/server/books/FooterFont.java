package gatefold.server.books;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.text.Normalizer;
import java.util.Arrays;
import org.apache.fontbox.afm.FontMetrics;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.font.encoding.WinAnsiEncoding;

/**
 * The visible footer's font: standard-14 Helvetica with WinAnsiEncoding, which every PDF
 * reader has without embedding. Text it cannot show is transliterated (accents dropped,
 * else '?'); the Info dictionary and XMP carry the exact Unicode.
 */
final class FooterFont {

    static final String BASE_FONT = "Helvetica";
    private static final byte QUESTION = '?';
    private static final byte ELLIPSIS = (byte) 0x85;
    /** Advance widths per WinAnsi code, in thousandths of the font size; 0 where there is no glyph. */
    private static final float[] WIDTHS = new float[256];
    /** WinAnsi code per BMP character, -1 where there is none. */
    private static final short[] CODES = new short[65536];

    static {
        FontMetrics afm = Standard14Fonts.getAFM(BASE_FONT);
        Charset cp1252 = Charset.forName("windows-1252");
        Arrays.fill(CODES, (short) -1);
        for (int code = 0x20; code < 256; code++) {
            String glyph = WinAnsiEncoding.INSTANCE.getName(code);
            String decoded = new String(new byte[] {(byte) code}, cp1252);
            if (glyph == null || ".notdef".equals(glyph) || decoded.length() != 1 || decoded.charAt(0) == '\ufffd') {
                continue;
            }
            WIDTHS[code] = afm.getCharacterWidth(glyph);
            if (WIDTHS[code] > 0 || code == 0x20) {
                CODES[decoded.charAt(0)] = (short) code;
            }
        }
    }

    private FooterFont() {
    }

    /** The footer's size and where it starts, for the codes that are shown. */
    record Line(byte[] codes, float size, float shift) {
    }

    /** The text in WinAnsi codes: as is where possible, else without accents, else '?'. */
    static byte[] transliterate(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        text.codePoints().forEach(cp -> {
            int code = code(cp);
            if (code >= 0) {
                out.write(code);
                return;
            }
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.FORMAT || type == Character.ENCLOSING_MARK) {
                return;
            }
            String plain = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKD);
            int written = 0;
            for (int i = 0; i < plain.length(); i++) {
                int c = code(plain.charAt(i));
                if (c >= 0) {
                    out.write(c);
                    written++;
                }
            }
            if (written == 0) {
                out.write(QUESTION);
            }
        });
        return out.toByteArray();
    }

    /**
     * Fits the line to the footer: at most {@code fit.maxChars()} characters and no wider
     * than {@code fit.width()} at the smallest size, cut with an ellipsis if need be, then
     * as large as fits up to the largest size, centred on 0.
     */
    static Line fit(String line, FooterFit fit) {
        byte[] codes = transliterate(line);
        float width = width(codes, codes.length);
        if (codes.length > fit.maxChars() || width * fit.minSize() > fit.width()) {
            float room = fit.width() / fit.minSize() - WIDTHS[ELLIPSIS & 0xff] / 1000f;
            int keep = 0;
            float kept = 0;
            while (keep < codes.length && keep + 1 < fit.maxChars() && kept + WIDTHS[codes[keep] & 0xff] / 1000f <= room) {
                kept += WIDTHS[codes[keep] & 0xff] / 1000f;
                keep++;
            }
            codes = Arrays.copyOf(codes, keep + 1);
            codes[keep] = ELLIPSIS;
            width = width(codes, codes.length);
        }
        float size = width <= 0 ? fit.maxSize() : Math.min(fit.maxSize(), fit.width() / width);
        return new Line(codes, size, -width * size / 2);
    }

    /** Width of the first {@code count} codes at size 1. */
    static float width(byte[] codes, int count) {
        float sum = 0;
        for (int i = 0; i < count; i++) {
            sum += WIDTHS[codes[i] & 0xff];
        }
        return sum / 1000f;
    }

    private static int code(int cp) {
        return cp < 0x10000 ? CODES[cp] : -1;
    }
}
