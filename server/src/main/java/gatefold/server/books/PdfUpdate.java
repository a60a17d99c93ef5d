package gatefold.server.books;

import gatefold.server.common.Refusal;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * The incremental update appended after a PDF's untouched bytes: one form that draws the
 * footer and the invisible order mark, a stream per distinct page placement, each page
 * written again with two more content streams (one opening {@code q} before its own
 * content, one drawing the form after it), the Info dictionary and XMP with the line, and
 * a cross-reference section (a table, or a stream when the file uses them) chained to the
 * original's. Buyer fields are fixed-width and uncompressed, so every offset holds.
 */
final class PdfUpdate {

    /** The file cannot take an update as it is (an odd structure PDFBox can still read): rewrite it once and try again. */
    static final class NeedsRewrite extends IOException {
        NeedsRewrite(String reason) {
            super(reason);
        }
    }

    record Result(byte[] suffix, FieldLayout layout, FooterFit fit) {
    }

    static final int LINE_UNITS = 400;
    static final int ORDER_UNITS = 64;
    static final int XMP_BYTES = 1600;
    static final COSName LICENSE_KEY = COSName.getPDFName("GatefoldLicense");
    static final COSName ORDER_KEY = COSName.getPDFName("GatefoldOrder");
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final PDDocument doc;
    private final XrefChain.Chain chain;
    private final long baseLength;
    private final UpdateBytes out = new UpdateBytes();
    private final PdfObjects objects;

    private PdfUpdate(PDDocument doc, XrefChain.Chain chain, long baseLength) {
        this.doc = doc;
        this.chain = chain;
        this.baseLength = baseLength;
        this.objects = new PdfObjects(out, baseLength,
                Math.max(chain.size(), doc.getDocument().getHighestXRefObjectNumber() + 1));
    }

    static Result build(PDDocument doc, XrefChain.Chain chain, long baseLength, byte[] fallbackId) throws IOException {
        if (doc.isEncrypted()) {
            throw new NeedsRewrite("the file is encrypted");
        }
        List<PageWalk.Page> pages = PageWalk.walk(doc);
        if (pages.isEmpty()) {
            throw Refusal.invalid("This PDF has no pages to stamp.");
        }
        PdfUpdate update = new PdfUpdate(doc, chain, baseLength);
        FooterFit fit = update.write(pages, fallbackId);
        return new Result(update.out.bytes(), update.out.layout(), fit);
    }

    private FooterFit write(List<PageWalk.Page> pages, byte[] fallbackId) throws IOException {
        COSObjectKey root = key(doc.getDocument().getTrailer().getItem(COSName.ROOT), "the catalog");
        COSBase infoRaw = doc.getDocument().getTrailer().getItem(COSName.INFO);
        FooterPlacement.Result placement = FooterPlacement.place(pages);
        long form = objects.allocate();
        long opening = objects.allocate();
        Map<String, Long> placements = new LinkedHashMap<>();
        for (String matrix : placement.matrices()) {
            placements.computeIfAbsent(matrix, m -> objects.allocate());
        }
        long xmp = objects.allocate();
        COSObjectKey info = infoRaw instanceof COSObject ref ? new COSObjectKey(ref.getObjectNumber(), ref.getGenerationNumber())
                : new COSObjectKey(objects.allocate(), 0);
        StampResources.Plan plan = StampResources.plan(pages, CosSyntax.reference(form, 0));

        out.ascii("\n");
        StampForm.write(objects, form, placement.fit());
        objects.stream(opening, "", List.of("q\n"));
        for (Map.Entry<String, Long> p : placements.entrySet()) {
            objects.stream(p.getValue(), "", List.of("Q\nq " + p.getKey() + " cm /" + plan.name().getName() + " Do Q\n"));
        }
        writeXmp(xmp);
        writeInfo(info, infoRaw);
        writeCatalog(root, xmp);
        for (int i = 0; i < pages.size(); i++) {
            writePage(pages.get(i), plan, opening, placements.get(placement.matrices().get(i)));
        }
        for (Map.Entry<COSObjectKey, COSDictionary> rewrite : plan.rewrites().entrySet()) {
            objects.dictionary(rewrite.getKey(), rewrite.getValue(), Set.of(), List.of());
        }
        String id = "[<" + HEX.formatHex(firstId(fallbackId)) + "><";
        String trailer = "/Root " + ref(root) + " /Info " + ref(info) + " /ID " + id;
        objects.crossReference(chain, trailer, FieldSpec.of(FieldKind.PDF_FILE_ID, 32), ">]");
        return placement.fit();
    }

    private void writeXmp(long number) throws IOException {
        PDDocumentInformation information = doc.getDocumentInformation();
        XmpRights.Packet packet = XmpRights.build(originalXmp(), information.getTitle(), information.getAuthor(), XMP_BYTES);
        List<Object> pieces = new ArrayList<>();
        pieces.add(packet.before());
        pieces.add(packet.field());
        pieces.add(packet.after());
        objects.stream(number, "/Type /Metadata /Subtype /XML ", pieces);
    }

    private byte[] originalXmp() {
        COSBase metadata = doc.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.METADATA);
        if (metadata instanceof COSStream stream) {
            try (InputStream in = stream.createInputStream()) {
                return in.readNBytes(1024 * 1024 + 1);
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    private void writeInfo(COSObjectKey key, COSBase raw) throws IOException {
        COSBase existing = raw instanceof COSObject o ? o.getObject() : raw;
        COSDictionary info = existing instanceof COSDictionary d ? d : new COSDictionary();
        List<Object> extra = List.of(
                "/" + LICENSE_KEY.getName() + " <", FieldSpec.of(FieldKind.PDF_LINE, 4 + 4 * LINE_UNITS), ">\n",
                "/" + ORDER_KEY.getName() + " <", FieldSpec.of(FieldKind.PDF_ORDER, 4 + 4 * ORDER_UNITS), ">\n");
        objects.dictionary(key, info, Set.of(LICENSE_KEY, ORDER_KEY), extra);
    }

    private void writeCatalog(COSObjectKey key, long xmp) throws IOException {
        COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
        String extra = "/Metadata " + xmp + " 0 R\n";
        Set<COSName> skip = Set.of(COSName.METADATA);
        if (doc.getVersion() < 1.4f) {
            extra += "/Version /1.4\n"; // the footer's opacity needs 1.4
            skip = Set.of(COSName.METADATA, COSName.VERSION);
        }
        objects.dictionary(key, catalog, skip, List.of(extra));
    }

    private void writePage(PageWalk.Page page, StampResources.Plan plan, long opening, long placement) throws IOException {
        COSArray contents = new COSArray();
        contents.add(CosSyntax.reference(opening, 0));
        COSBase raw = page.dict().getItem(COSName.CONTENTS);
        COSBase resolved = raw instanceof COSObject o ? o.getObject() : raw;
        if (resolved instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                contents.add(array.get(i));
            }
        } else if (resolved instanceof COSStream) {
            if (!(raw instanceof COSObject)) {
                throw new NeedsRewrite("a page's content is not an indirect object");
            }
            contents.add(raw);
        }
        contents.add(CosSyntax.reference(placement, 0));
        COSDictionary copy = new COSDictionary(page.dict());
        copy.setItem(COSName.CONTENTS, contents);
        COSDictionary resources = plan.pageResources().get(page.key());
        if (resources != null) {
            copy.setItem(COSName.RESOURCES, resources);
        }
        objects.dictionary(page.key(), copy, Set.of(), List.of());
    }

    private byte[] firstId(byte[] fallback) {
        COSBase id = doc.getDocument().getTrailer().getDictionaryObject(COSName.ID);
        if (id instanceof COSArray array && array.size() > 0 && array.getObject(0) instanceof COSString first && first.getBytes().length > 0) {
            return first.getBytes();
        }
        return fallback;
    }

    private static COSObjectKey key(COSBase raw, String what) throws NeedsRewrite {
        if (raw instanceof COSObject ref) {
            return new COSObjectKey(ref.getObjectNumber(), ref.getGenerationNumber());
        }
        throw new NeedsRewrite(what + " is not an indirect object");
    }

    private static String ref(COSObjectKey key) {
        return key.getNumber() + " " + key.getGeneration() + " R";
    }
}
