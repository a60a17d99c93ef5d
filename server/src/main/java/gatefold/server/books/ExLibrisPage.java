package gatefold.server.books;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The page added after the cover that says whom this copy was sold to: XHTML 1.1 for
 * EPUB 2, the HTML5 XML syntax for EPUB 3 (EPUBCheck wants each version's own doctype).
 * The line is a field ending with its closing {@code </p>}.
 */
final class ExLibrisPage {

    static final String TITLE = "Ex libris";

    private ExLibrisPage() {
    }

    /** The page as parts: the text before the field, the field, the text after. */
    static List<Object> parts(boolean epub3, String language, int width) {
        String lang = language.isEmpty() ? "" : epub3 ? " xml:lang=\"" + language + "\" lang=\"" + language + "\"" : " xml:lang=\"" + language + "\"";
        String head = epub3
                ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"" + lang + ">\n"
                        + "<head>\n<meta charset=\"UTF-8\"/>\n<title>" + TITLE + "</title>\n</head>\n"
                : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.1//EN\" \"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd\">\n"
                        + "<html xmlns=\"http://www.w3.org/1999/xhtml\"" + lang + ">\n<head>\n"
                        + "<meta http-equiv=\"Content-Type\" content=\"application/xhtml+xml; charset=utf-8\"/>\n<title>" + TITLE + "</title>\n</head>\n";
        String before = head + "<body>\n<div style=\"margin-top:30%;text-align:center\">\n<p>";
        String after = "\n</div>\n</body>\n</html>\n";
        return List.of(before.getBytes(StandardCharsets.UTF_8), FieldSpec.xml(FieldKind.XML_LINE, width, "</p>"),
                after.getBytes(StandardCharsets.UTF_8));
    }
}
