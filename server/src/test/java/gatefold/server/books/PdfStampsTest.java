package gatefold.server.books;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.OsTool;
import gatefold.server.common.Refusal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.xmpbox.xml.DomXmpParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfStampsTest {

    static final StampText ADA = StampText.of("Ada Lovelace", "ada@example.com", "ord-7Q2X", LocalDate.of(2026, 12, 3));
    static final StampText GRACE = StampText.of("Grace Hopper", "grace@example.com", "ord-9K4M", LocalDate.of(2026, 12, 4));
    static final String ADA_LINE = "Licensed to Ada Lovelace (ada@example.com) \u00b7 order ord-7Q2X \u00b7 2026-12-03";

    @TempDir
    Path dir;

    @Test
    void everyPageOfA300PageBookNamesItsBuyerAfterTheUntouchedOriginal() throws Exception {
        Path master = TestPdfs.book(dir.resolve("book.pdf"), 300);
        PreparedBook prepared = BookStamps.preparePdf(master, dir);
        assertThat(prepared.derivedBase()).isEmpty();
        Path copy = stamp(prepared, master, ADA, "ada.pdf");

        PdfTools.assertQpdfClean(copy);
        List<String> pages = PdfTools.pagesText(copy);
        assertThat(pages).hasSize(300);
        for (int i = 0; i < pages.size(); i++) {
            assertThat(pages.get(i)).as("page %d", i + 1).contains(ADA_LINE).contains("Chapter text on page " + (i + 1));
        }
        assertMetadata(copy, ADA);
        byte[] original = Files.readAllBytes(master);
        byte[] stamped = Files.readAllBytes(copy);
        assertThat(Arrays.copyOf(stamped, original.length)).isEqualTo(original);
        assertThat(stamped.length).isGreaterThan(original.length).isEqualTo(prepared.template().copyLength());
    }

    @Test
    void purchasesDifferButKeepTheirLengthAndTheSamePurchaseIsIdentical() throws Exception {
        Path master = TestPdfs.book(dir.resolve("book.pdf"), 5);
        PreparedBook prepared = BookStamps.preparePdf(master, dir);
        byte[] ada = Files.readAllBytes(stamp(prepared, master, ADA, "ada.pdf"));
        byte[] adaAgain = Files.readAllBytes(stamp(prepared, master, ADA, "ada-again.pdf"));
        byte[] grace = Files.readAllBytes(stamp(prepared, master, GRACE, "grace.pdf"));

        assertThat(adaAgain).isEqualTo(ada);
        assertThat(grace).hasSameSizeAs(ada).isNotEqualTo(ada);
        StampedCopy copy = prepared.template().fill(ADA);
        assertThat(copy.length()).isEqualTo(ada.length);
        assertThat(copy.crc32()).isEqualTo(crc(ada));
        assertThat(copy.fingerprint()).isEqualTo(prepared.template().fill(ADA).fingerprint())
                .isNotEqualTo(prepared.template().fill(GRACE).fingerprint());
    }

    @Test
    void fiveRangesInRandomOrderJoinToTheOnePieceCopy() throws Exception {
        Path master = TestPdfs.book(dir.resolve("book.pdf"), 20);
        PreparedBook prepared = BookStamps.preparePdf(master, dir);
        StampedCopy copy = prepared.template().fill(ADA);
        byte[] whole;
        try (InputStream in = copy.open(Copies.opener(master))) {
            whole = in.readAllBytes();
        }
        assertThat(whole).isEqualTo(Files.readAllBytes(stamp(prepared, master, ADA, "ada.pdf")));
        for (long seed = 1; seed <= 3; seed++) {
            assertThat(Copies.byRanges(copy, Copies.opener(master), 5, seed)).isEqualTo(whole);
        }
        try (InputStream tail = copy.open(copy.length() - 10, 10, Copies.opener(master))) {
            assertThat(tail.readAllBytes()).isEqualTo(Arrays.copyOfRange(whole, whole.length - 10, whole.length));
        }
    }

    @Test
    void rotatedPagesGetAnUprightFooterAlongTheEdgeTheReaderSeesAtTheBottom() throws Exception {
        Path master = TestPdfs.rotated(dir.resolve("rotated.pdf"));
        Path copy = stamp(BookStamps.preparePdf(master, dir), master, ADA, "ada.pdf");
        PdfTools.assertQpdfClean(copy);
        assertThat(PdfTools.pagesText(copy)).allSatisfy(page -> assertThat(page).contains(ADA_LINE).contains("ord-7Q2X"));
        for (Renders.Change change : Renders.changes(master, copy)) {
            assertFooterAtBottom(change);
        }
    }

    @Test
    void mixedPageSizesAndAnOffsetCropBoxKeepTheFooterInsideWhatShows() throws Exception {
        Path master = TestPdfs.mixedSizes(dir.resolve("mixed.pdf"));
        Path copy = stamp(BookStamps.preparePdf(master, dir), master, ADA, "ada.pdf");
        PdfTools.assertQpdfClean(copy);
        assertThat(PdfTools.pagesText(copy)).hasSize(4).allSatisfy(page -> assertThat(page).contains(ADA_LINE));
        for (Renders.Change change : Renders.changes(master, copy)) {
            assertFooterAtBottom(change);
        }
    }

    @Test
    void sharedInheritedResourcesABlankPageAndATakenNameAreAllHandled() throws Exception {
        Path master = TestPdfs.sharedResources(dir.resolve("shared.pdf"));
        PdfTools.assertQpdfClean(master);
        PreparedBook prepared = BookStamps.preparePdf(master, dir);
        assertThat(prepared.derivedBase()).isEmpty();
        Path copy = stamp(prepared, master, ADA, "ada.pdf");

        PdfTools.assertQpdfClean(copy);
        assertThat(PdfTools.pagesText(copy)).hasSize(4).allSatisfy(page -> assertThat(page).contains(ADA_LINE));
        for (Renders.Change change : Renders.changes(master, copy)) {
            assertFooterAtBottom(change);
        }
        String update = new String(Files.readAllBytes(copy), java.nio.charset.StandardCharsets.ISO_8859_1).substring((int) Files.size(master));
        assertThat(update).as("the shared XObject dictionary is written once, with a free name")
                .containsOnlyOnce("10 0 obj").contains("/GatefoldStamp1 ");
    }

    @Test
    void aPdfThatAlreadyHasAnUpdateIsStampedAgainOnTop() throws Exception {
        Path master = TestPdfs.book(dir.resolve("book.pdf"), 2);
        Path once = stamp(BookStamps.preparePdf(master, dir), master, GRACE, "grace.pdf");
        Path twice = stamp(BookStamps.preparePdf(once, dir), once, ADA, "ada.pdf");
        PdfTools.assertQpdfClean(twice);
        assertThat(PdfTools.pagesText(twice)).allSatisfy(page -> assertThat(page).contains(ADA_LINE).contains("Grace Hopper"));
        assertMetadata(twice, ADA);
    }

    @Test
    void textReachingTheBottomEdgeSendsTheFooterToTheTopMargin() throws Exception {
        Path master = TestPdfs.textToTheBottom(dir.resolve("bottom.pdf"));
        Path copy = stamp(BookStamps.preparePdf(master, dir), master, ADA, "ada.pdf");
        Renders.Change change = Renders.changes(master, copy)[0];
        assertThat(change.box().getMinY()).isGreaterThanOrEqualTo(0);
        assertThat(change.box().getMaxY()).isLessThan(30);
    }

    @Test
    void anOwnerPasswordPdfIsRewrittenOnceWithoutItsRestrictions() throws Exception {
        Path master = TestPdfs.ownerPasswordOnly(dir.resolve("locked.pdf"));
        PreparedBook prepared = BookStamps.preparePdf(master, dir);
        assertThat(prepared.derivedBase()).isPresent();
        assertThat(prepared.notes()).anySatisfy(n -> assertThat(n).contains("restrictions"));
        Path base = prepared.derivedBase().orElseThrow();
        Path copy = stamp(prepared, master, ADA, "ada.pdf");

        PdfTools.assertQpdfClean(copy);
        assertThat(PdfTools.pagesText(copy)).hasSize(3).allSatisfy(page -> assertThat(page).contains(ADA_LINE).contains("Locked page"));
        assertMetadata(copy, ADA);
        byte[] derived = Files.readAllBytes(base);
        assertThat(Arrays.copyOf(Files.readAllBytes(copy), derived.length)).isEqualTo(derived);
        assertThat(prepared.template().baseLength()).isEqualTo(derived.length);
        assertThat(prepared.template().baseCrc32()).isEqualTo(crc(derived));
    }

    @Test
    void objectStreamsAndAnXrefStreamGetAnXrefStreamUpdate() throws Exception {
        Path master = TestPdfs.objectStreams(dir.resolve("packed.pdf"), 12);
        PreparedBook prepared = BookStamps.preparePdf(master, dir);
        assertThat(prepared.derivedBase()).isEmpty();
        Path copy = stamp(prepared, master, ADA, "ada.pdf");

        PdfTools.assertQpdfClean(copy);
        PdfTools.Run xref = PdfTools.run(OsTool.QPDF.require().toString(), "--show-xref", copy.toString());
        assertThat(xref.exit()).as(xref.output()).isZero();
        assertThat(xref.output()).contains("compressed; stream =");
        String update = new String(Arrays.copyOfRange(Files.readAllBytes(copy), (int) Files.size(master), (int) Files.size(copy)),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(update).contains("/Type /XRef").doesNotContain("\ntrailer").doesNotContain("/ObjStm").doesNotContain("/FlateDecode");
        assertThat(PdfTools.pagesText(copy)).hasSize(12).allSatisfy(page -> assertThat(page).contains(ADA_LINE));
        assertMetadata(copy, ADA);
    }

    @Test
    void aBrokenCrossReferenceChainIsRepairedByOneRewrite() throws Exception {
        Path master = TestPdfs.brokenXref(dir.resolve("broken.pdf"));
        PdfTools.Run before = PdfTools.run(OsTool.QPDF.require().toString(), "--check", master.toString());
        assertThat(before.exit()).as("the fixture really is broken").isNotZero();
        PreparedBook prepared = BookStamps.preparePdf(master, dir);
        assertThat(prepared.derivedBase()).isPresent();
        assertThat(prepared.notes()).anySatisfy(n -> assertThat(n).contains("repaired"));
        Path copy = stamp(prepared, master, ADA, "ada.pdf");

        PdfTools.assertQpdfClean(copy);
        assertThat(PdfTools.pagesText(copy)).hasSize(3).allSatisfy(page -> assertThat(page).contains(ADA_LINE));
    }

    @Test
    void aPdfThatNeedsAPasswordToOpenIsRefusedWithAReason() throws Exception {
        Path master = TestPdfs.userPassword(dir.resolve("secret.pdf"));
        assertThatThrownBy(() -> BookStamps.preparePdf(master, dir))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(BookStamps.UNSTAMPABLE))
                .hasMessageContaining("needs a password to open");
    }

    @Test
    void aPdfDamagedBeyondRepairIsRefusedWithAReason() throws Exception {
        byte[] good = Files.readAllBytes(TestPdfs.book(dir.resolve("book.pdf"), 2));
        Path wreck = Files.write(dir.resolve("wreck.pdf"), Arrays.copyOf(good, 60));
        assertThatThrownBy(() -> BookStamps.preparePdf(wreck, dir))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(BookStamps.UNSTAMPABLE))
                .hasMessageContaining("could not be read");
    }

    @Test
    void unicodeAndHostileNamesComeThroughExactInMetadataAndReadableOnThePage() throws Exception {
        Path master = TestPdfs.book(dir.resolve("book.pdf"), 2);
        StampText hostile = StampText.of("\u03a9\u03bc\u03ad\u03b3\u03b1 \u5c71\u7530 \ud83d\ude00 </x> )( \\ &amp; Dvo\u0159\u00e1k",
                "o@example.com", "ord-<&>)(", LocalDate.of(2026, 1, 2));
        Path copy = stamp(BookStamps.preparePdf(master, dir), master, hostile, "hostile.pdf");

        PdfTools.assertQpdfClean(copy);
        String visible = "Licensed to ????? ?? ? </x> )( \\ &amp; Dvor\u00e1k (o@example.com) \u00b7 order ord-<&>)( \u00b7 2026-01-02";
        assertThat(PdfTools.pagesText(copy)).allSatisfy(page -> assertThat(page).contains(visible));
        assertMetadata(copy, hostile);
    }

    @Test
    void aLineTooLongForTheFooterIsCutWithAnEllipsisButKeptWholeInTheMetadata() throws Exception {
        Path master = TestPdfs.book(dir.resolve("book.pdf"), 1);
        StampText longName = StampText.of("Bartholomew ".repeat(20).strip(), "b@example.com", "ord-1", LocalDate.of(2026, 1, 2));
        Path copy = stamp(BookStamps.preparePdf(master, dir), master, longName, "long.pdf");

        String page = PdfTools.pagesText(copy).get(0);
        assertThat(page).contains("Licensed to Bartholomew Bartholomew").contains("\u2026").doesNotContain("b@example.com");
        assertMetadata(copy, longName);
    }

    private static void assertFooterAtBottom(Renders.Change change) {
        assertThat(change.box()).as("the stamp shows").isNotNull();
        double centre = change.box().getCenterX();
        assertThat(change.box().getMaxY()).as("inside the page").isLessThanOrEqualTo(change.height());
        assertThat(change.box().getMinY()).as("along the bottom edge").isGreaterThan(change.height() - 26);
        assertThat(change.box().getWidth()).as("one upright line").isGreaterThan(100).isGreaterThan(5 * change.box().getHeight());
        assertThat(Math.abs(centre - change.width() / 2.0)).as("centred").isLessThan(15);
        assertThat(change.box().getMinX()).isGreaterThan(0);
        assertThat(change.box().getMaxX()).isLessThan(change.width());
    }

    private Path stamp(PreparedBook prepared, Path master, StampText text, String name) throws IOException {
        Path base = prepared.derivedBase().orElse(master);
        StampTemplate template = StampTemplate.fromBytes(prepared.template().toBytes());
        return Copies.materialise(template.fill(text), base, dir.resolve(name));
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    static void assertMetadata(Path pdf, StampText text) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getDocumentInformation().getCustomMetadataValue("GatefoldLicense")).isEqualTo(text.line());
            assertThat(doc.getDocumentInformation().getCustomMetadataValue("GatefoldOrder")).isEqualTo(text.order());
            PDMetadata metadata = doc.getDocumentCatalog().getMetadata();
            assertThat(new DomXmpParser().parse(metadata.toByteArray()).getDublinCoreSchema().getRights()).isEqualTo(text.line());
        } catch (org.apache.xmpbox.xml.XmpParsingException | org.apache.xmpbox.type.BadFieldValueException e) {
            throw new AssertionError(e);
        }
    }
}
