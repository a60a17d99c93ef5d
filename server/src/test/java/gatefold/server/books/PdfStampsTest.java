package gatefold.server.books;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.common.Refusal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfStampsTest {

    static final StampText ADA = StampText.of("Ada Lovelace", "ada@example.com", "ord-7Q2X", LocalDate.of(2026, 12, 3));
    static final StampText GRACE = StampText.of("Grace Hopper", "grace@example.com", "ord-9K4M", LocalDate.of(2026, 12, 4));

    @TempDir
    Path dir;

    @Test
    void everyPageOfA300PageBookNamesItsBuyer() throws Exception {
        Path master = TestPdfs.book(dir.resolve("book.pdf"), 300);
        PreparedBook prepared = BookStamps.preparePdf(master, dir);
        assertThat(prepared.derivedBase()).isEmpty();
        Path copy = stamp(prepared, master, ADA, "ada.pdf");

        PdfTools.assertQpdfClean(copy);
        List<String> pages = PdfTools.pagesText(copy);
        assertThat(pages).hasSize(300);
        for (int i = 0; i < pages.size(); i++) {
            assertThat(pages.get(i)).as("page %d", i + 1)
                    .contains("Licensed to Ada Lovelace (ada@example.com) \u00b7 order ord-7Q2X \u00b7 2026-12-03")
                    .contains("Chapter text on page " + (i + 1));
        }
        assertMetadata(copy, ADA);
        byte[] original = Files.readAllBytes(master);
        byte[] stamped = Files.readAllBytes(copy);
        assertThat(Arrays.copyOf(stamped, original.length)).isEqualTo(original);
        assertThat(stamped.length).isEqualTo(prepared.template().copyLength());
    }

    private Path stamp(PreparedBook prepared, Path master, StampText text, String name) throws IOException {
        Path base = prepared.derivedBase().orElse(master);
        StampTemplate template = StampTemplate.fromBytes(prepared.template().toBytes());
        return Copies.materialise(template.fill(text), base, dir.resolve(name));
    }

    static void assertMetadata(Path pdf, StampText text) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getDocumentInformation().getCustomMetadataValue("GatefoldLicense")).isEqualTo(text.line());
            assertThat(doc.getDocumentInformation().getCustomMetadataValue("GatefoldOrder")).isEqualTo(text.order());
            PDMetadata metadata = doc.getDocumentCatalog().getMetadata();
            org.apache.xmpbox.XMPMetadata xmp = new org.apache.xmpbox.xml.DomXmpParser().parse(metadata.toByteArray());
            assertThat(xmp.getDublinCoreSchema().getRights()).isEqualTo(text.line());
        } catch (org.apache.xmpbox.xml.XmpParsingException | org.apache.xmpbox.type.BadFieldValueException e) {
            throw new AssertionError(e);
        }
    }
}
