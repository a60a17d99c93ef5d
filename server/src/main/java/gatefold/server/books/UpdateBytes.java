package gatefold.server.books;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** The bytes of a PDF update as they are written, with the fields placed at their offsets. */
final class UpdateBytes extends ByteArrayOutputStream {

    private final FieldLayout layout = new FieldLayout();

    UpdateBytes() {
        super(64 * 1024);
    }

    long position() {
        return count;
    }

    UpdateBytes ascii(String text) {
        writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    /** Places a field here, writing its blank value: zero for numbers, spaces in strings, the bare tail for XML. */
    UpdateBytes field(FieldSpec spec) {
        layout.place(spec, count);
        byte[] blank = new byte[spec.width()];
        Arrays.fill(blank, (byte) ' ');
        byte[] start = switch (spec.kind()) {
            case FOOTER_SIZE, FOOTER_SHIFT -> String.format(Locale.ROOT, "%" + spec.width() + "d", 0).getBytes(StandardCharsets.US_ASCII);
            case PDF_FILE_ID -> "0".repeat(spec.width()).getBytes(StandardCharsets.US_ASCII);
            default -> spec.tail().getBytes(StandardCharsets.UTF_8);
        };
        System.arraycopy(start, 0, blank, 0, start.length);
        writeBytes(blank);
        return this;
    }

    FieldLayout layout() {
        return layout;
    }

    byte[] bytes() {
        return toByteArray();
    }
}
