package gatefold.server.books;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.common.Refusal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class EpubStampsTest {

    static final StampText ADA = PdfStampsTest.ADA;
    static final StampText GRACE = PdfStampsTest.GRACE;

    @TempDir
    Path dir;

    @Test
    void anEpub3BookIsStampedAndStillPassesEpubCheck() throws Exception {
        Path master = TestEpubs.epub3(dir.resolve("book3.epub"), true);
        assertThat(Epubcheck.problems(master)).as("the fixture is valid").isEmpty();
        Path copy = stamp(master, ADA, "ada.epub");

        assertThat(Epubcheck.problems(copy)).isEmpty();
        Stamped book = Stamped.read(copy, "OEBPS/content.opf");
        assertThat(book.spine()).containsExactly("cover", "gatefold-ex-libris", "ch1", "ch2");
        assertThat(book.rights()).containsExactly("\u00a9 2026 Test Writer", ADA.line());
        assertThat(book.exLibris("OEBPS/gatefold-ex-libris.xhtml")).isEqualTo(ADA.line());
        for (String chapter : List.of("OEBPS/cover.xhtml", "OEBPS/text/chapter1.xhtml", "OEBPS/text/chapter2.xhtml")) {
            assertThat(book.mark(chapter)).as(chapter).isEqualTo(ADA.order());
        }
        assertThat(book.mark("OEBPS/nav.xhtml")).as("not in the spine").isNull();
        assertZipIsSound(copy);
    }

    @Test
    void anEpub2BookIsStampedAndStillPassesEpubCheck() throws Exception {
        Path master = TestEpubs.epub2(dir.resolve("book2.epub"));
        assertThat(Epubcheck.problems(master)).as("the fixture is valid").isEmpty();
        Path copy = stamp(master, ADA, "ada.epub");

        assertThat(Epubcheck.problems(copy)).isEmpty();
        Stamped book = Stamped.read(copy, "OPS/book.opf");
        assertThat(book.spine()).as("after the guide's cover page").containsExactly("coverpage", "gatefold-ex-libris", "c1", "c2");
        assertThat(book.rights()).containsExactly(ADA.line());
        assertThat(book.exLibris("OPS/gatefold-ex-libris.xhtml")).isEqualTo(ADA.line());
        for (String chapter : List.of("OPS/titlepage.xhtml", "OPS/one.xhtml", "OPS/two.xhtml")) {
            assertThat(book.mark(chapter)).as(chapter).isEqualTo(ADA.order());
        }
        assertZipIsSound(copy);
    }

    @Test
    void withoutACoverTheExLibrisPageComesFirst() throws Exception {
        Path master = TestEpubs.epub3(dir.resolve("plain.epub"), false);
        Path copy = stamp(master, ADA, "ada.epub");
        assertThat(Epubcheck.problems(copy)).isEmpty();
        assertThat(Stamped.read(copy, "OEBPS/content.opf").spine()).containsExactly("gatefold-ex-libris", "ch1", "ch2");
    }

    @Test
    void purchasesDifferInContentButNotLengthAndRangesJoinToTheWhole() throws Exception {
        Path master = TestEpubs.epub3(dir.resolve("book3.epub"), true);
        PreparedBook prepared = BookStamps.prepareEpub(master, dir);
        Path base = prepared.derivedBase().orElseThrow();
        StampedCopy ada = prepared.template().fill(ADA);
        StampedCopy grace = prepared.template().fill(GRACE);
        byte[] adaBytes = Files.readAllBytes(Copies.materialise(ada, base, dir.resolve("ada.epub")));
        byte[] graceBytes = Files.readAllBytes(Copies.materialise(grace, base, dir.resolve("grace.epub")));

        assertThat(graceBytes).hasSameSizeAs(adaBytes).isNotEqualTo(adaBytes);
        assertThat(Files.readAllBytes(Copies.materialise(prepared.template().fill(ADA), base, dir.resolve("again.epub")))).isEqualTo(adaBytes);
        CRC32 crc = new CRC32();
        crc.update(adaBytes);
        assertThat(ada.crc32()).isEqualTo(crc.getValue());
        assertThat(ada.length()).isEqualTo(adaBytes.length).isEqualTo(prepared.template().copyLength());
        int[] opened = {0};
        BaseOpener counting = (offset, length) -> {
            opened[0]++;
            return Copies.opener(base).open(offset, length);
        };
        try (InputStream in = ada.open(counting)) {
            assertThat(in.readAllBytes()).isEqualTo(adaBytes);
        }
        assertThat(opened[0]).as("one ranged read of the base for the whole copy").isEqualTo(1);
        assertThat(Copies.byRanges(ada, Copies.opener(base), 5, 7)).isEqualTo(adaBytes);
    }

    @Test
    void unicodeAndHostileNamesAreEscapedAndComeBackExact() throws Exception {
        Path master = TestEpubs.epub3(dir.resolve("book3.epub"), true);
        StampText hostile = StampText.of("\u03a9\u03bc\u03ad\u03b3\u03b1 \u5c71\u7530 \ud83d\ude00 </x> )( \\ &amp; \"q\"", "o@example.com",
                "ord-</x>&amp;\"'", LocalDate.of(2026, 1, 2));
        Path copy = stamp(master, hostile, "hostile.epub");

        assertThat(Epubcheck.problems(copy)).isEmpty();
        Stamped book = Stamped.read(copy, "OEBPS/content.opf");
        assertThat(book.rights()).contains(hostile.line());
        assertThat(book.exLibris("OEBPS/gatefold-ex-libris.xhtml")).isEqualTo(hostile.line());
        assertThat(book.mark("OEBPS/text/chapter1.xhtml")).isEqualTo("ord-</x>&amp;\"'");
        assertZipIsSound(copy);
    }

    @Test
    void anEpubWithoutItsPackageFileIsRefusedWithAReason() throws Exception {
        Path broken = TestEpubs.write(dir.resolve("broken.epub"), Map.of("OEBPS/missing.opf", new byte[0]));
        Path fixed = dir.resolve("nopackage.epub");
        try (ZipFile zip = new ZipFile(broken.toFile());
                java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(fixed))) {
            TestEpubs.storedEntry(out, "mimetype", TestEpubs.utf8("application/epub+zip"));
            out.putNextEntry(new ZipEntry("META-INF/container.xml"));
            zip.getInputStream(zip.getEntry("META-INF/container.xml")).transferTo(out);
        }
        assertThatThrownBy(() -> BookStamps.prepareEpub(fixed, dir))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(BookStamps.UNSTAMPABLE))
                .hasMessageContaining("package file is missing");
        Path notZip = Files.writeString(dir.resolve("not.epub"), "just text");
        assertThatThrownBy(() -> BookStamps.prepareEpub(notZip, dir)).isInstanceOf(Refusal.class).hasMessageContaining("not a zip");
    }

    private Path stamp(Path master, StampText text, String name) throws IOException {
        PreparedBook prepared = BookStamps.prepareEpub(master, dir);
        StampTemplate template = StampTemplate.fromBytes(prepared.template().toBytes());
        return Copies.materialise(template.fill(text), prepared.derivedBase().orElseThrow(), dir.resolve(name));
    }

    /** mimetype first and stored; every entry reads back with its CRC (ZipInputStream checks it) and the central directory agrees. */
    static void assertZipIsSound(Path epub) throws IOException {
        byte[] head = new byte[58];
        try (InputStream in = Files.newInputStream(epub)) {
            assertThat(in.readNBytes(head, 0, 58)).isEqualTo(58);
        }
        assertThat(new String(head, 30, 28, StandardCharsets.US_ASCII)).isEqualTo("mimetypeapplication/epub+zip");
        assertThat(head[8] | head[9]).as("stored").isZero();
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(epub)); ZipFile zip = new ZipFile(epub.toFile())) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                CRC32 crc = new CRC32();
                crc.update(content);
                assertThat(zip.getEntry(entry.getName()).getCrc()).as(entry.getName()).isEqualTo(crc.getValue());
                names.add(entry.getName());
            }
        }
        assertThat(names.get(0)).isEqualTo("mimetype");
    }

    /** A stamped EPUB read back with an XML parser. */
    record Stamped(ZipFile zip, Document opf) {
        static Stamped read(Path epub, String opfPath) throws Exception {
            ZipFile zip = new ZipFile(epub.toFile());
            return new Stamped(zip, xml(zip, opfPath));
        }

        List<String> spine() {
            List<String> ids = new ArrayList<>();
            NodeList refs = opf.getElementsByTagNameNS(PackageDocument.OPF, "itemref");
            for (int i = 0; i < refs.getLength(); i++) {
                ids.add(((Element) refs.item(i)).getAttribute("idref"));
            }
            return ids;
        }

        List<String> rights() {
            List<String> texts = new ArrayList<>();
            NodeList rights = opf.getElementsByTagNameNS(PackageDocument.DC, "rights");
            for (int i = 0; i < rights.getLength(); i++) {
                texts.add(rights.item(i).getTextContent());
            }
            return texts;
        }

        String exLibris(String path) throws Exception {
            return xml(zip, path).getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "p").item(0).getTextContent();
        }

        String mark(String path) throws Exception {
            NodeList metas = xml(zip, path).getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "meta");
            for (int i = 0; i < metas.getLength(); i++) {
                Element meta = (Element) metas.item(i);
                if (ChapterMark.NAME.equals(meta.getAttribute("name"))) {
                    return meta.getAttribute("content");
                }
            }
            return null;
        }

        private static Document xml(ZipFile zip, String path) throws Exception {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            try (InputStream in = zip.getInputStream(zip.getEntry(path))) {
                return factory.newDocumentBuilder().parse(new ByteArrayInputStream(in.readAllBytes()));
            }
        }
    }
}
