package gatefold.server.books;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Small valid EPUB 2 and EPUB 3 books with a cover, written with java.util.zip (data descriptors and all). */
final class TestEpubs {

    static final String UID = "urn:uuid:6a1f7c2e-3b1d-4c55-9e4a-2f1b8d0c9a11";

    private TestEpubs() {
    }

    static Path epub3(Path file, boolean withCover) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        String coverItems = withCover ? "<item id=\"cover\" href=\"cover.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
                + "<item id=\"cover-image\" href=\"images/cover.png\" media-type=\"image/png\" properties=\"cover-image\"/>\n" : "";
        files.put("OEBPS/content.opf", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"bookid\" xml:lang=\"en\">\n"
                + "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<dc:identifier id=\"bookid\">" + UID + "</dc:identifier>\n"
                + "<dc:title>A Test Book</dc:title>\n<dc:creator>Test Writer</dc:creator>\n<dc:language>en</dc:language>\n"
                + "<dc:rights>\u00a9 2026 Test Writer</dc:rights>\n<meta property=\"dcterms:modified\">2026-01-01T00:00:00Z</meta>\n"
                + "</metadata>\n<manifest>\n<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
                + coverItems + "<item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n"
                + "<item id=\"ch1\" href=\"text/chapter1.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
                + "<item id=\"ch2\" href=\"text/chapter2.xhtml\" media-type=\"application/xhtml+xml\"/>\n</manifest>\n"
                + "<spine>\n" + (withCover ? "<itemref idref=\"cover\"/>\n" : "") + "<itemref idref=\"ch1\"/>\n<itemref idref=\"ch2\"/>\n</spine>\n</package>\n"));
        files.put("OEBPS/nav.xhtml", utf8(html3("Contents", "<nav epub:type=\"toc\" id=\"toc\"><h1>Contents</h1><ol>"
                + "<li><a href=\"text/chapter1.xhtml\">Chapter 1</a></li><li><a href=\"text/chapter2.xhtml\">Chapter 2</a></li></ol></nav>", "")));
        if (withCover) {
            files.put("OEBPS/cover.xhtml", utf8(html3("Cover", "<div><img src=\"images/cover.png\" alt=\"Cover\"/></div>", "")));
            files.put("OEBPS/images/cover.png", coverPng());
        }
        files.put("OEBPS/style.css", utf8("body { font-family: serif; }\n"));
        for (int i = 1; i <= 2; i++) {
            files.put("OEBPS/text/chapter" + i + ".xhtml", utf8(html3("Chapter " + i, "<section epub:type=\"chapter\"><h1>Chapter " + i + "</h1>"
                    + paragraphs(i * 40) + "</section>", "<link rel=\"stylesheet\" type=\"text/css\" href=\"../style.css\"/>")));
        }
        return write(file, files);
    }

    static Path epub2(Path file) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("OPS/book.opf", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"2.0\" unique-identifier=\"bookid\">\n"
                + "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:opf=\"http://www.idpf.org/2007/opf\">\n"
                + "<dc:identifier id=\"bookid\" opf:scheme=\"UUID\">" + UID + "</dc:identifier>\n<dc:title>A Test Book</dc:title>\n"
                + "<dc:creator opf:role=\"aut\">Test Writer</dc:creator>\n<dc:language>en</dc:language>\n"
                + "<meta name=\"cover\" content=\"cover-image\"/>\n</metadata>\n<manifest>\n"
                + "<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>\n"
                + "<item id=\"coverpage\" href=\"titlepage.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
                + "<item id=\"cover-image\" href=\"cover.png\" media-type=\"image/png\"/>\n"
                + "<item id=\"c1\" href=\"one.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
                + "<item id=\"c2\" href=\"two.xhtml\" media-type=\"application/xhtml+xml\"/>\n</manifest>\n"
                + "<spine toc=\"ncx\">\n<itemref idref=\"coverpage\"/>\n<itemref idref=\"c1\"/>\n<itemref idref=\"c2\"/>\n</spine>\n"
                + "<guide>\n<reference type=\"cover\" title=\"Cover\" href=\"titlepage.xhtml\"/>\n</guide>\n</package>\n"));
        files.put("OPS/toc.ncx", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE ncx PUBLIC \"-//NISO//DTD ncx 2005-1//EN\" \"http://www.daisy.org/z3986/2005/ncx-2005-1.dtd\">\n"
                + "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\">\n<head>\n<meta name=\"dtb:uid\" content=\"" + UID + "\"/>\n"
                + "<meta name=\"dtb:depth\" content=\"1\"/>\n<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n"
                + "</head>\n<docTitle><text>A Test Book</text></docTitle>\n<navMap>\n"
                + "<navPoint id=\"n1\" playOrder=\"1\"><navLabel><text>One</text></navLabel><content src=\"one.xhtml\"/></navPoint>\n"
                + "<navPoint id=\"n2\" playOrder=\"2\"><navLabel><text>Two</text></navLabel><content src=\"two.xhtml\"/></navPoint>\n"
                + "</navMap>\n</ncx>\n"));
        files.put("OPS/titlepage.xhtml", utf8(html2("Cover", "<div><img src=\"cover.png\" alt=\"Cover\"/></div>")));
        files.put("OPS/cover.png", coverPng());
        files.put("OPS/one.xhtml", utf8(html2("One", "<h1>One</h1>" + paragraphs(30))));
        files.put("OPS/two.xhtml", utf8(html2("Two", "<h1>Two</h1>" + paragraphs(60))));
        return write(file, files);
    }

    static String html3(String title, String body, String headExtra) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
                + "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"en\" lang=\"en\">\n"
                + "<head>\n<meta charset=\"UTF-8\"/>\n<title>" + title + "</title>\n" + headExtra + "</head>\n<body>\n" + body + "\n</body>\n</html>\n";
    }

    static String html2(String title, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.1//EN\" \"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd\">\n"
                + "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\">\n<head>\n<title>" + title + "</title>\n</head>\n<body>\n"
                + body + "\n</body>\n</html>\n";
    }

    static String paragraphs(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append("<p>It was a bright cold day in April, and the clocks were striking ").append(i).append(".</p>\n");
        }
        return out.toString();
    }

    static byte[] coverPng() throws IOException {
        BufferedImage image = new BufferedImage(60, 90, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(40, 70, 120));
        g.fillRect(0, 0, 60, 90);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** mimetype first and stored, container.xml naming the first file, then the files deflated. */
    static Path write(Path file, Map<String, byte[]> files) throws IOException {
        String opf = files.keySet().iterator().next();
        try (OutputStream raw = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(raw)) {
            storedEntry(zip, "mimetype", utf8("application/epub+zip"));
            zip.putNextEntry(new ZipEntry("META-INF/container.xml"));
            zip.write(utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
                    + "<rootfiles><rootfile full-path=\"" + opf + "\" media-type=\"application/oebps-package+xml\"/></rootfiles>\n</container>\n"));
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                if (f.getKey().endsWith(".png") || f.getKey().endsWith(".bin")) {
                    storedEntry(zip, f.getKey(), f.getValue());
                } else {
                    zip.putNextEntry(new ZipEntry(f.getKey()));
                    zip.write(f.getValue());
                }
            }
        }
        return file;
    }

    static void storedEntry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(content);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
