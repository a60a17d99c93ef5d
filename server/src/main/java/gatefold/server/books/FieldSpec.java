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

    /** What the field holds before a buyer is filled in: zero for numbers, the bare tail for XML, else spaces. */
    byte[] blank() {
        byte[] blank = new byte[width];
        java.util.Arrays.fill(blank, (byte) ' ');
        byte[] start = switch (kind) {
            case FOOTER_SIZE, FOOTER_SHIFT -> "0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            case PDF_FILE_ID -> "0".repeat(width).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            case ZIP_CRC -> new byte[4];
            default -> tail.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        };
        int at = kind == FieldKind.FOOTER_SIZE || kind == FieldKind.FOOTER_SHIFT ? width - 1 : 0;
        System.arraycopy(start, 0, blank, at, start.length);
        return blank;
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
