package gatefold.server.books;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * The pages in order, each with its object number, where its resources come from (its own
 * dictionary or an ancestor's) and its visible frame (CropBox within MediaBox, /Rotate),
 * inherited attributes resolved along the real path from the root.
 */
final class PageWalk {

    /** Where a page's resources dictionary is: {@code holder} is null when the page has its own, and {@code raw} is the entry as written. */
    record Resources(COSObjectKey holder, COSDictionary holderDict, COSBase raw) {
    }

    record Page(COSObjectKey key, COSDictionary dict, Resources resources, PageFrame frame) {
    }

    private record Inherited(Resources resources, COSBase mediaBox, COSBase cropBox, COSBase rotate) {
    }

    private static final int MAX_DEPTH = 64;
    private final List<Page> pages = new ArrayList<>();
    private final Set<COSObjectKey> seen = new HashSet<>();

    private PageWalk() {
    }

    static List<Page> walk(PDDocument doc) throws PdfUpdate.NeedsRewrite {
        COSBase root = doc.getDocumentCatalog().getCOSObject().getItem(COSName.PAGES);
        if (!(root instanceof COSObject ref)) {
            throw new PdfUpdate.NeedsRewrite("the page tree root is not an indirect object");
        }
        PageWalk walk = new PageWalk();
        walk.visit(ref, new Inherited(null, null, null, null), 0);
        return walk.pages;
    }

    private void visit(COSObject ref, Inherited inherited, int depth) throws PdfUpdate.NeedsRewrite {
        COSObjectKey key = new COSObjectKey(ref.getObjectNumber(), ref.getGenerationNumber());
        if (depth > MAX_DEPTH || !seen.add(key) || !(ref.getObject() instanceof COSDictionary node)) {
            throw new PdfUpdate.NeedsRewrite("the page tree is malformed");
        }
        COSBase ownResources = node.getItem(COSName.RESOURCES);
        Inherited here = new Inherited(
                ownResources != null ? new Resources(key, node, ownResources) : inherited.resources(),
                or(node.getItem(COSName.MEDIA_BOX), inherited.mediaBox()),
                or(node.getItem(COSName.CROP_BOX), inherited.cropBox()),
                or(node.getItem(COSName.ROTATE), inherited.rotate()));
        COSBase kids = node.getDictionaryObject(COSName.KIDS);
        if (kids instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (!(array.get(i) instanceof COSObject kid)) {
                    throw new PdfUpdate.NeedsRewrite("a page is not an indirect object");
                }
                visit(kid, here, depth + 1);
            }
            return;
        }
        Resources resources = here.resources();
        if (resources != null && resources.holder().equals(key)) {
            resources = new Resources(null, node, resources.raw());
        }
        pages.add(new Page(key, node, resources, frame(here)));
    }

    private static COSBase or(COSBase own, COSBase inherited) {
        return own != null ? own : inherited;
    }

    private static PageFrame frame(Inherited attributes) {
        PDRectangle media = rectangle(attributes.mediaBox(), PDRectangle.LETTER);
        PDRectangle crop = rectangle(attributes.cropBox(), media);
        float llx = Math.max(crop.getLowerLeftX(), media.getLowerLeftX());
        float lly = Math.max(crop.getLowerLeftY(), media.getLowerLeftY());
        float urx = Math.min(crop.getUpperRightX(), media.getUpperRightX());
        float ury = Math.min(crop.getUpperRightY(), media.getUpperRightY());
        if (urx - llx < 1 || ury - lly < 1) {
            llx = media.getLowerLeftX();
            lly = media.getLowerLeftY();
            urx = media.getUpperRightX();
            ury = media.getUpperRightY();
        }
        int rotate = 0;
        COSBase r = attributes.rotate() instanceof COSObject o ? o.getObject() : attributes.rotate();
        if (r instanceof COSNumber n) {
            rotate = Math.floorMod(n.intValue(), 360);
            rotate = rotate % 90 == 0 ? rotate : 0;
        }
        return new PageFrame(llx, lly, urx, ury, rotate);
    }

    private static PDRectangle rectangle(COSBase value, PDRectangle fallback) {
        COSBase v = value instanceof COSObject o ? o.getObject() : value;
        if (v instanceof COSArray array && array.size() == 4) {
            PDRectangle r = new PDRectangle(array);
            if (r.getWidth() > 0 && r.getHeight() > 0) {
                return r;
            }
        }
        return fallback;
    }
}
