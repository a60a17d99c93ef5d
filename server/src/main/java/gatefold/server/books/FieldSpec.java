package gatefold.server.books;

/**
 * One buyer-dependent field: its kind, its fixed width in bytes, the markup that closes
 * it for XML fields (written right after the value, before the padding), and for
 * {@link FieldKind#ZIP_CRC} the zip entry whose CRC it is.
 */
record FieldSpec(FieldKind kind, int width, String tail, int entry) {

    FieldSpec {
        tail = tail == null ? "" : tail;
        if (width <= 0 || width > 65535) {
            throw new IllegalArgumentException("field width " + width);
        }
    }

    static FieldSpec of(FieldKind kind, int width) {
        return new FieldSpec(kind, width, "", -1);
    }

    static FieldSpec xml(FieldKind kind, int width, String tail) {
        return new FieldSpec(kind, width, tail, -1);
    }

    static FieldSpec zipCrc(int entry) {
        return new FieldSpec(FieldKind.ZIP_CRC, 4, "", entry);
    }
}
