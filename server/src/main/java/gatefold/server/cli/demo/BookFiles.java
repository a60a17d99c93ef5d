package gatefold.server.cli.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A tiny book as PDF (written by hand, one page per chapter) and as EPUB 3, with no libraries. */
final class BookFiles {

    record Chapter(String title, String text) {
    }

    private BookFiles() {
    }

    static byte[] pdf(String title, String author, List<Chapter> chapters) {
        List<String> objects = new ArrayList<>();
        int pages = chapters.size() + 1;
        // 1 catalog, 2 page tree, 3 font, then a page object and its content stream per page.
        objects.add("<< /Type /Catalog /Pages 2 0 R >>");
        StringBuilder kids = new StringBuilder();
        for (int i = 0; i < pages; i++) {
            kids.append(4 + 2 * i).append(" 0 R ");
        }
        objects.add("<< /Type /Pages /Kids [" + kids.toString().trim() + "] /Count " + pages + " >>");
        objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        List<String> contents = new ArrayList<>();
        contents.add("BT /F1 28 Tf 72 640 Td (" + pdfText(title) + ") Tj 0 -40 Td /F1 16 Tf (" + pdfText(author) + ") Tj ET");
        for (Chapter chapter : chapters) {
            StringBuilder page = new StringBuilder("BT /F1 20 Tf 72 720 Td (" + pdfText(chapter.title()) + ") Tj /F1 12 Tf 0 -36 Td 16 TL");
            for (String line : wrap(chapter.text(), 80)) {
                page.append(" (").append(pdfText(line)).append(") '");
            }
            contents.add(page.append(" ET").toString());
        }
        for (int i = 0; i < pages; i++) {
            objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents "
                    + (5 + 2 * i) + " 0 R >>");
            String stream = contents.get(i);
            objects.add("<< /Length " + stream.getBytes(StandardCharsets.ISO_8859_1).length + " >>\nstream\n" + stream + "\nendstream");
        }
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.toString().getBytes(StandardCharsets.ISO_8859_1).length);
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.toString().getBytes(StandardCharsets.ISO_8859_1).length;
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String pdfText(String s) {
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replaceAll("[^\\x20-\\x7e]", "?");
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    static byte[] epub(String id, String title, String author, List<Chapter> chapters) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            // The mimetype entry must come first and uncompressed: readers (and Gatefold) check its bytes.
            byte[] mimetype = "application/epub+zip".getBytes(StandardCharsets.US_ASCII);
            ZipEntry first = new ZipEntry("mimetype");
            first.setMethod(ZipEntry.STORED);
            first.setSize(mimetype.length);
            first.setCompressedSize(mimetype.length);
            CRC32 crc = new CRC32();
            crc.update(mimetype);
            first.setCrc(crc.getValue());
            zip.putNextEntry(first);
            zip.write(mimetype);
            zip.closeEntry();
            add(zip, "META-INF/container.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">"
                    + "<rootfiles><rootfile full-path=\"OEBPS/book.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles></container>\n");
            StringBuilder manifest = new StringBuilder("<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>");
            StringBuilder spine = new StringBuilder();
            StringBuilder nav = new StringBuilder();
            for (int i = 0; i < chapters.size(); i++) {
                String name = "chapter-" + (i + 1) + ".xhtml";
                manifest.append("<item id=\"c").append(i + 1).append("\" href=\"").append(name)
                        .append("\" media-type=\"application/xhtml+xml\"/>");
                spine.append("<itemref idref=\"c").append(i + 1).append("\"/>");
                nav.append("<li><a href=\"").append(name).append("\">").append(xml(chapters.get(i).title())).append("</a></li>");
                add(zip, "OEBPS/" + name, xhtml(chapters.get(i).title(),
                        "<h1>" + xml(chapters.get(i).title()) + "</h1><p>" + xml(chapters.get(i).text()) + "</p>"));
            }
            add(zip, "OEBPS/nav.xhtml", xhtml(title, "<nav epub:type=\"toc\" xmlns:epub=\"http://www.idpf.org/2007/ops\"><h1>"
                    + xml(title) + "</h1><ol>" + nav + "</ol></nav>"));
            add(zip, "OEBPS/book.opf", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"id\">"
                    + "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:identifier id=\"id\">urn:gatefold:demo:" + xml(id)
                    + "</dc:identifier><dc:title>" + xml(title) + "</dc:title><dc:creator>" + xml(author)
                    + "</dc:creator><dc:language>en</dc:language><meta property=\"dcterms:modified\">2026-01-01T00:00:00Z</meta></metadata>"
                    + "<manifest>" + manifest + "</manifest><spine>" + spine + "</spine></package>\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String xhtml(String title, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">"
                + "<head><title>" + xml(title) + "</title></head><body>" + body + "</body></html>\n";
    }

    private static void add(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
