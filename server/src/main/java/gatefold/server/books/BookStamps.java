package gatefold.server.books;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Stamping books with their buyer, prepared once per uploaded file. Run a preparation in a
 * background job when a PDF or EPUB master arrives; it refuses, with a reason for the
 * artist, a file that cannot be stamped ({@link gatefold.server.common.Refusal}, kind
 * INVALID, code {@value #UNSTAMPABLE}). Each download then calls
 * {@link StampTemplate#fill(StampText)}, which is instant.
 */
public final class BookStamps {

    public static final String UNSTAMPABLE = "book_not_stampable";

    private BookStamps() {
    }

    /**
     * Prepares a PDF: an update template appended after the untouched master, or after a
     * rewritten copy (written into {@code workDir}) when the master's cross-reference chain
     * is broken or it is encrypted with an owner password only.
     */
    public static PreparedBook preparePdf(Path master, Path workDir) throws IOException {
        return PdfPreparation.prepare(master, workDir);
    }

    /** Prepares an EPUB: a template zip written into {@code workDir}, which becomes the base. */
    public static PreparedBook prepareEpub(Path master, Path workDir) throws IOException {
        return EpubPreparation.prepare(master, workDir);
    }
}
