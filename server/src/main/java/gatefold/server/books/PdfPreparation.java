package gatefold.server.books;

import gatefold.server.common.Refusal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * Prepares a PDF: appends to the master as it is when its own cross-reference chain holds
 * and it is not encrypted; otherwise rewrites it once with PDFBox (repaired, restrictions
 * removed) and appends to that. Owner-password restrictions are dropped rather than kept
 * because keeping them means encrypting every buyer's fields per download (RC4 or AES per
 * string and stream), while they protect nothing (anyone can open the file, and one qpdf
 * command lifts them); the buyer's name on every page is the protection.
 */
final class PdfPreparation {

    private PdfPreparation() {
    }

    static PreparedBook prepare(Path master, Path workDir) throws IOException {
        List<String> notes = new ArrayList<>();
        String problem;
        try (PDDocument doc = load(master)) {
            problem = doc.isEncrypted() ? "encrypted" : null;
            XrefChain.Chain chain = null;
            if (problem == null) {
                try {
                    chain = XrefChain.read(master);
                } catch (XrefChain.Broken e) {
                    problem = e.getMessage();
                }
            }
            if (problem == null) {
                try {
                    return finish(master, doc, chain, notes, Optional.empty());
                } catch (PdfUpdate.NeedsRewrite e) {
                    problem = e.getMessage();
                }
            }
            notes.add(doc.isEncrypted()
                    ? "The PDF's owner-password restrictions (printing, copying) were removed: each copy carries its buyer's name instead."
                    : "The PDF's internal index was damaged (" + problem + "), so it was repaired once: buyers get the repaired file, stamped.");
            Path rewritten = Files.createTempFile(workDir, "stamp-base-", ".pdf");
            doc.setAllSecurityToBeRemoved(true);
            doc.save(rewritten.toFile());
            return prepareRewritten(rewritten, notes);
        }
    }

    private static PreparedBook prepareRewritten(Path rewritten, List<String> notes) throws IOException {
        try (PDDocument doc = load(rewritten)) {
            return finish(rewritten, doc, XrefChain.read(rewritten), notes, Optional.of(rewritten));
        } catch (XrefChain.Broken | PdfUpdate.NeedsRewrite e) {
            throw unstampable("This PDF is damaged in a way that could not be repaired (" + e.getMessage() + ").");
        }
    }

    private static PDDocument load(Path pdf) {
        try {
            return Loader.loadPDF(pdf.toFile(), "", IOUtils.createTempFileOnlyStreamCache());
        } catch (InvalidPasswordException e) {
            throw unstampable("This PDF needs a password to open. Upload a copy without an open password "
                    + "(a password that only restricts printing or copying is fine).");
        } catch (IOException e) {
            throw unstampable("This PDF could not be read, even after trying to repair it (" + e.getMessage() + ").");
        }
    }

    private static PreparedBook finish(Path base, PDDocument doc, XrefChain.Chain chain, List<String> notes, Optional<Path> derived)
            throws IOException {
        long length = Files.size(base);
        long crc;
        try (InputStream in = Files.newInputStream(base)) {
            crc = FieldLayout.crc(in, length);
        }
        PdfUpdate.Result update = PdfUpdate.build(doc, chain, length, fallbackId(length, crc));
        List<Part> parts = new ArrayList<>();
        parts.add(new Part.Run(Part.Source.BASE, 0, length, crc));
        parts.addAll(update.layout().parts(Part.Source.SUFFIX, new ByteArrayInputStream(update.suffix()), update.suffix().length));
        StampTemplate template = new StampTemplate(new StampTemplate.Base(StampTemplate.Format.PDF, length, crc), update.fit(), update.suffix(),
                update.layout().fields(), parts, List.of());
        return new PreparedBook(template, derived, notes);
    }

    /** A file identifier for a PDF that has none: from the base's length and CRC, so preparation is repeatable. */
    private static byte[] fallbackId(long length, long crc) {
        try {
            return MessageDigest.getInstance("MD5").digest((length + ":" + crc).getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Refusal unstampable(String reason) {
        return new Refusal(Refusal.Kind.INVALID, BookStamps.UNSTAMPABLE, reason);
    }
}
