package gatefold.server.books;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

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

    /** Places a field here, writing its blank value. */
    UpdateBytes field(FieldSpec spec) {
        layout.place(spec, count);
        writeBytes(spec.blank());
        return this;
    }

    FieldLayout layout() {
        return layout;
    }

    byte[] bytes() {
        return toByteArray();
    }
}
