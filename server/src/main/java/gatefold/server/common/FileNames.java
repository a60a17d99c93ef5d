package gatefold.server.common;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * File names that a fan can save and unzip on Windows, macOS and Linux, whatever the artist
 * typed as a title. {@link #safe} applies these rules, in this order:
 * <ol>
 *   <li>control characters (C0, DEL, C1), bidirectional overrides and isolates (they can
 *       disguise an extension) and lone surrogates are removed;</li>
 *   <li>Unicode NFC, so "é" is one code point everywhere (Linux would otherwise keep two
 *       names that look the same apart, and macOS would not);</li>
 *   <li>each of {@code < > : " / \ | ? *} becomes {@code _} (Windows forbids them, {@code /}
 *       separates folders everywhere, {@code :} on classic macOS);</li>
 *   <li>leading and trailing spaces and dots are removed (Windows drops trailing ones, a
 *       leading dot hides the file on macOS and Linux);</li>
 *   <li>a Windows device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9, also with superscript
 *       digits) as the part before the first dot, in any case, gets {@code _} appended to
 *       that part: {@code con.txt} becomes {@code con_.txt};</li>
 *   <li>at most 255 UTF-8 bytes (ext4's limit, and within NTFS's and APFS's), cut on a code
 *       point boundary before the extension, which is kept (an extension here is at most
 *       {@value #MAX_EXTENSION} letters or digits after the last dot);</li>
 *   <li>never empty: what is left of nothing is {@value #FALLBACK}.</li>
 * </ol>
 * The rules are applied until nothing changes, so {@code safe(safe(x)).equals(safe(x))}.
 */
public final class FileNames {

    public static final int MAX_BYTES = 255;
    public static final String FALLBACK = "untitled";
    static final int MAX_EXTENSION = 10;

    private static final Pattern RESERVED = Pattern.compile("(con|prn|aux|nul|(com|lpt)[1-9\u00b9\u00b2\u00b3])");
    private static final String FORBIDDEN = "<>:\"/\\|?*";

    private FileNames() {
    }

    /**
     * The name made safe by the rules in the class comment, applied until nothing changes: a
     * cut can leave a new "extension" at the end whose stem then needs trimming.
     */
    public static String safe(String name) {
        String result = once(name);
        for (String again = once(result); !again.equals(result); again = once(result)) {
            result = again; // every pass only removes characters, apart from one "_" for a device name
        }
        return result;
    }

    private static String once(String name) {
        String clean = clean(name);
        String ext = extension(clean);
        String stem = ext.isEmpty() ? clean : clean.substring(0, clean.length() - ext.length() - 1);
        return assemble(stem, ext.isEmpty() ? "" : "." + ext);
    }

    /** {@code Artist - Title (FLAC).zip}; a long title is shortened, never the format or ".zip". */
    public static String albumZip(String artist, String title, String formatLabel) {
        String stem = joined(clean(artist), clean(title), " - ");
        String label = clean(formatLabel);
        return assemble(stem.isEmpty() ? "Album" : stem, (label.isEmpty() ? "" : " (" + label + ")") + ".zip");
    }

    /**
     * {@code 01 Track Title.flac}: the number padded with zeros to {@code width} digits, then
     * the title, then the extension (given with or without its dot); a long title is
     * shortened, never the number or the extension.
     */
    public static String track(int number, int width, String title, String extension) {
        String digits = String.format(Locale.ROOT, "%0" + Math.max(1, width) + "d", number);
        String ext = clean(extension.startsWith(".") ? extension.substring(1) : extension);
        String cleanTitle = clean(title);
        String stem = cleanTitle.isEmpty() ? digits : digits + " " + cleanTitle;
        return assemble(stem, ext.isEmpty() ? "" : "." + ext);
    }

    /**
     * The stem cut so that stem + tail fits in {@link #MAX_BYTES}, with a device name fixed;
     * the fix sits near the start, so a second cut keeps it and the loop ends.
     */
    private static String assemble(String stem, String tail) {
        int budget = MAX_BYTES - utf8Length(tail);
        String cut = stem;
        while (true) {
            cut = trimEnds(cutToBytes(cut, budget));
            if (cut.isEmpty()) {
                cut = FALLBACK;
            }
            String fixed = withoutDeviceName(cut, tail);
            if (fixed.equals(cut)) {
                return cut + tail;
            }
            cut = fixed;
        }
    }

    /** {@code con} becomes {@code con_} when Windows would read the whole name as a device. */
    private static String withoutDeviceName(String stem, String tail) {
        if (!RESERVED.matcher(deviceStem(stem + tail)).matches()) {
            return stem;
        }
        int dot = stem.indexOf('.');
        int end = dot < 0 ? stem.length() : dot;
        return stem.substring(0, end).stripTrailing() + "_" + stem.substring(end);
    }

    /** NFC after removing controls: a removed control may have stood between a letter and its accent. */
    private static String clean(String part) {
        return trimEnds(replaceForbidden(nfc(removeControls(part == null ? "" : part))));
    }

    private static String joined(String a, String b, String separator) {
        if (a.isEmpty() || b.isEmpty()) {
            return a + b;
        }
        return a + separator + b;
    }

    private static String nfc(String s) {
        return s == null ? "" : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    private static String removeControls(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (!Character.isSurrogate(c) && !isControl(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }

    private static String replaceForbidden(String s) {
        StringBuilder out = new StringBuilder(s);
        for (int i = 0; i < out.length(); i++) {
            if (FORBIDDEN.indexOf(out.charAt(i)) >= 0) {
                out.setCharAt(i, '_');
            }
        }
        return out.toString();
    }

    private static String trimEnds(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isTrimmed(s.charAt(start))) {
            start++;
        }
        while (end > start && isTrimmed(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isTrimmed(char c) {
        return c == '.' || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Letters or digits after the last dot, when there are at most {@value #MAX_EXTENSION}; else "". */
    private static String extension(String s) {
        int dot = s.lastIndexOf('.');
        if (dot <= 0 || s.length() - dot - 1 > MAX_EXTENSION) {
            return "";
        }
        String ext = s.substring(dot + 1);
        return ext.chars().allMatch(Character::isLetterOrDigit) ? ext : "";
    }

    /** What Windows compares with its device names: the part before the first dot, trailing spaces ignored. */
    private static String deviceStem(String name) {
        int dot = name.indexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        return stem.stripTrailing().toLowerCase(Locale.ROOT);
    }

    /** The longest prefix of whole code points whose UTF-8 encoding fits in {@code maxBytes}. */
    static String cutToBytes(String s, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int size = utf8Length(cp);
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    private static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
