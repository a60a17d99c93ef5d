package gatefold.server.books;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order mark in a chapter's head, {@code <meta name="gatefold-order" content="..."/>},
 * put just before {@code </head>} (after whatever the author has there). Only the first
 * part of the chapter is searched and held; the rest streams through.
 */
final class ChapterMark {

    static final String NAME = "gatefold-order";
    static final int WIDTH = 400;
    private static final int SEARCH = 256 * 1024;
    private static final Pattern HEAD_END = Pattern.compile("</((?:[A-Za-z_][\\w.-]*:)?)head\\s*>");

    private ChapterMark() {
    }

    /** The chapter as parts (start, field, rest), or null when its head is not found in its first 256 KiB or it is not UTF-8. */
    static List<Object> parts(InputStream chapter) throws IOException {
        byte[] start = chapter.readNBytes(SEARCH);
        if (start.length >= 2 && ((start[0] & 0xff) == 0xfe || (start[0] & 0xff) == 0xff)) {
            return null;
        }
        // ISO-8859-1 maps bytes to chars one to one, so match offsets are byte offsets.
        Matcher m = HEAD_END.matcher(new String(start, StandardCharsets.ISO_8859_1));
        if (!m.find()) {
            return null;
        }
        String meta = "<" + m.group(1) + "meta name=\"" + NAME + "\" content=\"";
        byte[] before = new byte[m.start() + meta.length()];
        System.arraycopy(start, 0, before, 0, m.start());
        System.arraycopy(meta.getBytes(StandardCharsets.US_ASCII), 0, before, m.start(), meta.length());
        InputStream rest = new SequenceInputStream(new ByteArrayInputStream(start, m.start(), start.length - m.start()), chapter);
        return List.of(before, FieldSpec.xml(FieldKind.XML_ORDER, WIDTH, "\"/>"), rest);
    }
}
