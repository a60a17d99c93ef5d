package gatefold.server.books;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The bytes of each field for one buyer. Every field has a fixed width: values are cut
 * with an ellipsis when too long and padded with spaces, which every place a field sits
 * ignores (inside a PDF hex string, after an XML closing tag, before a PDF number).
 */
final class FieldValues {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String ELLIPSIS = "\u2026";

    private final String line;
    private final String order;
    private final FooterFit footer;
    private FooterFont.Line fitted;

    FieldValues(StampText text, FooterFit footer) {
        this.line = text.line();
        this.order = text.order();
        this.footer = footer;
    }

    byte[] render(FieldSpec spec) {
        byte[] value = switch (spec.kind()) {
            case FOOTER_SIZE -> number(footerLine().size(), spec.width());
            case FOOTER_SHIFT -> number(footerLine().shift(), spec.width());
            case FOOTER_TEXT -> ascii(HEX.formatHex(footerLine().codes()));
            case PDF_MARK -> ascii(HEX.formatHex(cut(FooterFont.transliterate(order), spec.width() / 2)));
            case PDF_LINE -> utf16Hex(line, spec.width());
            case PDF_ORDER -> utf16Hex(order, spec.width());
            case PDF_FILE_ID -> ascii(HEX.formatHex(md5(order + "\n" + line)));
            case XML_LINE -> xml(line, spec);
            case XML_ORDER -> xml(order, spec);
            case ZIP_CRC -> throw new IllegalArgumentException("a zip CRC is computed from its entry");
        };
        return pad(value, spec.width());
    }

    private FooterFont.Line footerLine() {
        if (fitted == null) {
            fitted = FooterFont.fit(line, footer);
        }
        return fitted;
    }

    /** A decimal with three places, right-aligned in the field (String.format costs more than the rest of a fill). */
    static byte[] number(float value, int width) {
        long thousandths = Math.round((double) value * 1000);
        long whole = Math.abs(thousandths) / 1000;
        long fraction = Math.abs(thousandths) % 1000;
        String text = (thousandths < 0 ? "-" : "") + whole + "." + (fraction < 100 ? fraction < 10 ? "00" : "0" : "") + fraction;
        return ascii(" ".repeat(Math.max(0, width - text.length())) + text);
    }

    private static byte[] cut(byte[] codes, int max) {
        return codes.length <= max ? codes : Arrays.copyOf(codes, max);
    }

    /** "FEFF" then the UTF-16BE code units, whole code points only, cut with an ellipsis to fit. */
    private static byte[] utf16Hex(String text, int width) {
        int units = (width - 4) / 4;
        String fitted = fitCodePoints(text, units, String::length);
        return ascii("FEFF" + HEX.formatHex(fitted.getBytes(StandardCharsets.UTF_16BE)));
    }

    /** The value escaped for XML (text and attributes alike), then the tail, cut to fit before the tail. */
    private static byte[] xml(String text, FieldSpec spec) {
        byte[] tail = spec.tail().getBytes(StandardCharsets.UTF_8);
        int budget = spec.width() - tail.length;
        String fitted = fitCodePoints(text, budget, s -> escapeXml(s).getBytes(StandardCharsets.UTF_8).length);
        byte[] value = escapeXml(fitted).getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(value, value.length + tail.length);
        System.arraycopy(tail, 0, out, value.length, tail.length);
        return out;
    }

    /** The longest prefix of whole code points, plus an ellipsis when cut, whose measure fits (a binary search: measures grow with length). */
    static String fitCodePoints(String text, int budget, java.util.function.ToIntFunction<String> measure) {
        if (measure.applyAsInt(text) <= budget) {
            return text;
        }
        int[] points = text.codePoints().toArray();
        int lo = 0;
        int hi = points.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (measure.applyAsInt(new String(points, 0, mid) + ELLIPSIS) <= budget) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        String best = new String(points, 0, lo) + ELLIPSIS;
        return measure.applyAsInt(best) <= budget ? best : "";
    }

    static String escapeXml(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static byte[] md5(String s) {
        try {
            return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] pad(byte[] value, int width) {
        if (value.length > width) {
            throw new IllegalStateException("a " + value.length + "-byte value for a " + width + "-byte field");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(width);
        out.writeBytes(value);
        for (int i = value.length; i < width; i++) {
            out.write(' ');
        }
        return out.toByteArray();
    }
}
