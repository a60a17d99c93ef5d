package gatefold.server.books;

/** What a buyer-dependent field of a template holds, and so how its bytes are written. */
enum FieldKind {
    /** The visible footer's font size, a right-aligned decimal. */
    FOOTER_SIZE,
    /** Where the centred footer starts, a right-aligned decimal. */
    FOOTER_SHIFT,
    /** The visible footer line in WinAnsi, as the inside of a PDF hex string. */
    FOOTER_TEXT,
    /** The order id drawn invisibly, WinAnsi inside a PDF hex string. */
    PDF_MARK,
    /** The line as a UTF-16BE PDF text string (hex, with its byte-order mark). */
    PDF_LINE,
    /** The order id as a UTF-16BE PDF text string. */
    PDF_ORDER,
    /** 32 hex digits: the file identifier that changes with every copy. */
    PDF_FILE_ID,
    /** The line as XML text, then the field's closing tag, then spaces. */
    XML_LINE,
    /** The order id as XML text or attribute value, then the field's tail, then spaces. */
    XML_ORDER,
    /** A zip entry's CRC-32, four bytes little-endian. */
    ZIP_CRC
}
