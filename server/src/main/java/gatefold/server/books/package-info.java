/**
 * Books stamped with their buyer ("social DRM"), instantly and resumably.
 *
 * <p>At upload, {@link gatefold.server.books.BookStamps} prepares each PDF or EPUB once into a
 * {@link gatefold.server.books.StampTemplate}: the base blob (the PDF as uploaded, or a file
 * preparation rewrote) plus fixed-width buyer fields at known offsets. At a download,
 * {@link gatefold.server.books.StampTemplate#fill} renders the fields for one
 * {@link gatefold.server.books.StampText} and returns a {@link gatefold.server.books.StampedCopy}:
 * its length and CRC-32 known up front, its bytes base ranges and literals, any range streamed.
 *
 * <p>How the store uses it: {@link gatefold.server.books.Stamping} says which files are stamped
 * (every PDF and EPUB of a book release unless the artist turns it off), queues
 * {@code PrepareJob} for each as it is stored and refuses publishing while one cannot be
 * stamped; {@code StampPreparer} keeps the template in {@code book_stamps} (V21) and a
 * rewritten base in the store; {@link gatefold.server.books.BookFormats} answers delivery with
 * each buyer's copy ({@code BookCopies}) and the book's zip of copies. SQL is in
 * {@code StampDao} (Jdbi SqlObject).
 *
 * <p>Written here rather than taken from a library, and why:
 * <ul>
 * <li>the PDF incremental update ({@code PdfUpdate}, {@code PdfObjects}): PDFBox's
 * saveIncremental may compress or pack objects into object streams, which would bury the buyer
 * fields; ours is uncompressed, so a buyer only overwrites bytes;</li>
 * <li>the cross-reference check ({@code XrefChain}): PDFBox repairs a broken chain silently when
 * loading, but an update chains to the file's own, so we must know whether it holds;</li>
 * <li>the zip reader and writer ({@code ZipIndex}, {@code ZipWriter}, {@code FieldDeflater}):
 * java.util.zip can neither copy an entry's compressed bytes as they are nor place a field at a
 * fixed offset inside deflated data;</li>
 * <li>crc32_combine ({@code Crc32Combine}): java.util.zip.CRC32 cannot join two CRCs.</li>
 * </ul>
 */
package gatefold.server.books;
