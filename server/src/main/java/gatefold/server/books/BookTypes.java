package gatefold.server.books;

import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;

/** Which files are books that can carry their buyer: every PDF and EPUB of a book release but its cover. */
final class BookTypes {

    static final String PDF = "application/pdf";
    static final String EPUB = "application/epub+zip";

    private BookTypes() {
    }

    static boolean stampable(String releaseKind, String role, String contentType) {
        return releaseKind.equals("book") && !role.equals("cover") && (contentType.equals(PDF) || contentType.equals(EPUB));
    }

    static boolean stampable(Release release, ReleaseFile file) {
        return stampable(release.kind(), file.role(), file.contentType());
    }
}
