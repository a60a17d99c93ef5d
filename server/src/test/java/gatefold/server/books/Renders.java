package gatefold.server.books;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

/** Where a stamp shows: the pixels that differ between a page before and after stamping, as the reader shows it. */
final class Renders {

    record Change(Rectangle box, int width, int height) {
    }

    private Renders() {
    }

    /** The box of changed pixels on each page (one pixel per point, CropBox, /Rotate applied). */
    static Change[] changes(Path original, Path stamped) throws IOException {
        try (PDDocument before = Loader.loadPDF(original.toFile()); PDDocument after = Loader.loadPDF(stamped.toFile())) {
            Change[] changes = new Change[before.getNumberOfPages()];
            for (int i = 0; i < changes.length; i++) {
                BufferedImage a = new PDFRenderer(before).renderImage(i, 1f);
                BufferedImage b = new PDFRenderer(after).renderImage(i, 1f);
                changes[i] = new Change(diff(a, b), a.getWidth(), a.getHeight());
            }
            return changes;
        }
    }

    private static Rectangle diff(BufferedImage a, BufferedImage b) {
        Rectangle box = null;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    box = box == null ? new Rectangle(x, y, 1, 1) : box.union(new Rectangle(x, y, 1, 1));
                }
            }
        }
        return box;
    }
}
