package gatefold.server.books;

import gatefold.server.common.Crc32Combine;
import gatefold.server.common.Refusal;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipException;

/**
 * Prepares an EPUB: rewrites it once into a template zip (mimetype first and stored, the
 * ex-libris page after the package document, dc:rights and the chapter marks as fields,
 * every other entry copied with its compression), which becomes the base every buyer's
 * copy is cut from. Memory stays bounded: entries stream, only the package document and
 * the start of each chapter are held.
 */
final class EpubPreparation {

    static final int RIGHTS_WIDTH = 1600;

    private EpubPreparation() {
    }

    static PreparedBook prepare(Path master, Path workDir) throws IOException {
        Path base = Files.createTempFile(workDir, "stamp-base-", ".epub");
        try {
            return rewrite(master, base);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(base);
            if (e instanceof ZipException) {
                throw unreadable("part of it is corrupt (" + e.getMessage() + ")");
            }
            throw e;
        }
    }

    private static PreparedBook rewrite(Path master, Path base) throws IOException {
        List<String> notes = new ArrayList<>();
        FieldLayout layout = new FieldLayout();
        ZipWriter zip;
        long length;
        try (FileChannel in = FileChannel.open(master, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(base, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ZipIndex index = ZipIndex.read(in);
            EpubBook book = EpubBook.read(index);
            zip = new ZipWriter(out, layout);
            ZipIndex.Entry opf = index.entries().stream().filter(e -> e.name().equals(book.opfPath())).findFirst().orElseThrow();
            zip.stored("mimetype", "application/epub+zip".getBytes(StandardCharsets.US_ASCII), opf.time(), opf.date());
            for (ZipIndex.Entry e : index.entries()) {
                write(index, e, book, zip, notes);
            }
            length = zip.finish();
        }
        List<Part> parts;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(base), 256 * 1024)) {
            parts = layout.parts(Part.Source.BASE, in, length);
        }
        long crc = 0;
        for (Part part : parts) {
            long partCrc = part instanceof Part.Run run ? run.crc() : FieldDeflater.blankCrc(layout.fields().get(((Part.Slot) part).field()));
            crc = Crc32Combine.combine(crc, partCrc, part.length(layout.fields()));
        }
        StampTemplate template = new StampTemplate(new StampTemplate.Base(StampTemplate.Format.EPUB, length, crc), FooterFit.NONE, new byte[0],
                layout.fields(), parts, zip.contents());
        return new PreparedBook(template, Optional.of(base), notes);
    }

    private static void write(ZipIndex index, ZipIndex.Entry e, EpubBook book, ZipWriter zip, List<String> notes) throws IOException {
        if (e.name().equals("mimetype")) {
            return;
        }
        if (e.name().equals(book.opfPath())) {
            PackageDocument.Stamped opf = book.opf().stamp(book.exLibrisId(), book.exLibrisPath().substring(book.exLibrisPath().lastIndexOf('/') + 1), RIGHTS_WIDTH);
            zip.withFields(e.name(), e.time(), e.date(), List.of(opf.before(), opf.field(), opf.after()));
            zip.withFields(book.exLibrisPath(), e.time(), e.date(), ExLibrisPage.parts(book.opf().epub3(), book.opf().language(), RIGHTS_WIDTH));
        } else if (book.chapters().contains(e.name())) {
            try (InputStream chapter = index.content(e)) {
                List<Object> parts = ChapterMark.parts(chapter);
                if (parts == null) {
                    notes.add(e.name() + " has no <head> near its start (or is not UTF-8), so it carries no order mark.");
                    zip.copy(index, e);
                } else {
                    zip.withFields(e.name(), e.time(), e.date(), parts);
                }
            }
        } else {
            zip.copy(index, e);
        }
    }

    static Refusal unstampable(String reason) {
        return PdfPreparation.unstampable(reason);
    }

    static Refusal unreadable(String detail) {
        return PdfPreparation.unstampable("This EPUB could not be read: " + detail + ".");
    }
}
