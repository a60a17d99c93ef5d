package gatefold.server.books;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Small PDFs made with PDFBox for the stamping tests: one per shape of file a writer may upload. */
final class TestPdfs {

    static final PDRectangle A5_LANDSCAPE = new PDRectangle(PDRectangle.A5.getHeight(), PDRectangle.A5.getWidth());

    private TestPdfs() {
    }

    /** Pages of body text with a page number in the bottom margin; a classic cross-reference table. */
    static Path book(Path file, int pages) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            for (int i = 1; i <= pages; i++) {
                addPage(doc, PDRectangle.A4, 0, "Chapter text on page " + i);
            }
            doc.getDocumentInformation().setTitle("A Test Book");
            doc.getDocumentInformation().setAuthor("Test Writer");
            doc.save(file.toFile(), CompressParameters.NO_COMPRESSION);
        }
        return file;
    }

    /** One page per /Rotate value: 0, 90, 180, 270. */
    static Path rotated(Path file) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            for (int rotate : new int[] {0, 90, 180, 270}) {
                addPage(doc, PDRectangle.A4, rotate, "Rotated page " + rotate);
            }
            doc.save(file.toFile(), CompressParameters.NO_COMPRESSION);
        }
        return file;
    }

    /** A4, Letter, A5 landscape, and an A4 page whose CropBox starts away from the origin. */
    static Path mixedSizes(Path file) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            addPage(doc, PDRectangle.A4, 0, "An A4 page");
            addPage(doc, PDRectangle.LETTER, 0, "A Letter page");
            addPage(doc, A5_LANDSCAPE, 0, "An A5 landscape page");
            PDPage cropped = addPage(doc, PDRectangle.A4, 90, "A cropped page");
            cropped.setCropBox(new PDRectangle(40, 60, 500, 700));
            doc.save(file.toFile(), CompressParameters.NO_COMPRESSION);
        }
        return file;
    }

    /** Text reaching into the bottom margin: the footer has to go to the top. */
    static Path textToTheBottom(Path file) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = addPage(doc, PDRectangle.A4, 0, "Body");
            try (PDPageContentStream text = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, false)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN), 10);
                text.newLineAtOffset(72, 4);
                text.showText("A caption at the very bottom edge");
                text.endText();
            }
            doc.save(file.toFile(), CompressParameters.NO_COMPRESSION);
        }
        return file;
    }

    /** Object streams and a cross-reference stream (PDFBox 3's default compression). */
    static Path objectStreams(Path file, int pages) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            for (int i = 1; i <= pages; i++) {
                addPage(doc, PDRectangle.LETTER, 0, "Compressed page " + i);
            }
            doc.save(file.toFile(), CompressParameters.DEFAULT_COMPRESSION);
        }
        return file;
    }

    /** Encrypted with an owner password only: anyone can open it; printing and copying are "not allowed". */
    static Path ownerPasswordOnly(Path file) throws IOException {
        return encrypted(file, "owner-secret", "");
    }

    static Path userPassword(Path file) throws IOException {
        return encrypted(file, "owner-secret", "reader-secret");
    }

    private static Path encrypted(Path file, String owner, String user) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            for (int i = 1; i <= 3; i++) {
                addPage(doc, PDRectangle.A4, 0, "Locked page " + i);
            }
            AccessPermission permissions = new AccessPermission();
            permissions.setCanPrint(false);
            permissions.setCanExtractContent(false);
            StandardProtectionPolicy policy = new StandardProtectionPolicy(owner, user, permissions);
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(file.toFile(), CompressParameters.NO_COMPRESSION);
        }
        return file;
    }

    /** A good file whose startxref offset is then corrupted: readers must search for the objects. */
    static Path brokenXref(Path file) throws IOException {
        book(file, 3);
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        int at = text.lastIndexOf("startxref") + "startxref".length();
        while (!Character.isDigit(text.charAt(at))) {
            at++;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap("7".getBytes(StandardCharsets.US_ASCII)), at + 1);
        }
        return file;
    }

    /**
     * Written by hand: resources shared through an indirect dictionary inherited from the
     * page tree (with an indirect XObject dictionary), /Rotate and /MediaBox inherited and
     * overridden, a page without content, and a page already using the name the stamp
     * would take.
     */
    static Path sharedResources(Path file) throws IOException {
        String content = "BT /F1 12 Tf 72 300 Td (Shared resources) Tj ET";
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R 9 0 R] /Count 4 /Resources 6 0 R /MediaBox [0 0 420 595] /Rotate 90 >>",
                "<< /Type /Page /Parent 2 0 R /Contents 7 0 R >>",
                "<< /Type /Page /Parent 2 0 R /Contents 7 0 R /Rotate 0 >>",
                "<< /Type /Page /Parent 2 0 R >>",
                "<< /Font << /F1 8 0 R >> /XObject 10 0 R >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
                "<< /Type /Page /Parent 2 0 R /Contents 7 0 R /MediaBox [0 0 612 792] "
                        + "/Resources << /Font << /F1 8 0 R >> /XObject << /GatefoldStamp 11 0 R >> >> >>",
                "<< /Unused 11 0 R >>",
                "<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Length 0 >>\nstream\n\nendstream");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new java.util.ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f\r\n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n\r\n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        Files.writeString(file, pdf, StandardCharsets.ISO_8859_1);
        return file;
    }

    static PDPage addPage(PDDocument doc, PDRectangle size, int rotate, String line) throws IOException {
        PDPage page = new PDPage(size);
        page.setRotation(rotate);
        doc.addPage(page);
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN);
        try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
            content.beginText();
            content.setFont(font, 12);
            content.newLineAtOffset(72, size.getHeight() - 90);
            for (String words : List.of(line, "Lorem ipsum dolor sit amet, consectetur adipiscing elit.", "Sed do eiusmod tempor.")) {
                content.showText(words);
                content.newLineAtOffset(0, -16);
            }
            content.endText();
            content.beginText();
            content.setFont(font, 10);
            content.newLineAtOffset(size.getWidth() / 2, 36);
            content.showText(String.valueOf(doc.getNumberOfPages()));
            content.endText();
        }
        return page;
    }
}
