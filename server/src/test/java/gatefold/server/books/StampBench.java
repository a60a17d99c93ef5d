package gatefold.server.books;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Measures stamping on big books; run by hand, not in the suite (it writes about 700 MB
 * into a scratch folder and deletes nothing you did not ask it to make):
 *
 * <pre>
 * mvn -B -ntp -o -q -pl server dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx256m -cp server/target/test-classes:server/target/classes:$(cat /tmp/cp.txt) \
 *     gatefold.server.books.StampBench /tmp/gatefold-stamp-bench
 * </pre>
 */
public final class StampBench {

    private static final StampText BUYER = StampText.of("Ada Lovelace", "ada@example.com", "ord-7Q2X", LocalDate.of(2026, 12, 3));

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "/tmp/gatefold-stamp-bench"));
        System.out.printf("heap max %d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
        Path book = dir.resolve("book-300.pdf");
        if (!Files.exists(book)) {
            TestPdfs.book(book, 300);
        }
        measure("300-page PDF", book, dir, true);
        Path big = dir.resolve("big-500mb.pdf");
        if (!Files.exists(big)) {
            bigPdf(big, 170, 1000);
        }
        measure("500 MB PDF", big, dir, true);
        Path epub = dir.resolve("big-200mb.epub");
        if (!Files.exists(epub)) {
            bigEpub(epub, 60, 3_400_000, 120);
        }
        measure("200 MB EPUB", epub, dir, false);
        System.out.printf("peak heap used (all pools) %d MiB%n", peakHeap() >> 20);
    }

    private static void measure(String name, Path master, Path dir, boolean pdf) throws IOException {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long startCpu = cpu.getCurrentThreadCpuTime();
        PreparedBook prepared = pdf ? BookStamps.preparePdf(master, dir) : BookStamps.prepareEpub(master, dir);
        long prepareMs = (System.nanoTime() - start) / 1_000_000;
        long prepareCpuMs = (cpu.getCurrentThreadCpuTime() - startCpu) / 1_000_000;
        StampTemplate template = StampTemplate.fromBytes(prepared.template().toBytes());
        Path base = prepared.derivedBase().orElse(master);
        System.out.printf("%s: %d MiB, prepared in %d ms (%d ms CPU), template %d bytes, derived base %s, %d fields%n", name,
                Files.size(master) >> 20, prepareMs, prepareCpuMs, template.toBytes().length, prepared.derivedBase().isPresent(),
                template.fields().size());
        for (int i = 0; i < 20_000; i++) {
            template.fill(BUYER);
        }
        int fills = 50_000;
        start = System.nanoTime();
        startCpu = cpu.getCurrentThreadCpuTime();
        long sink = 0;
        for (int i = 0; i < fills; i++) {
            sink += template.fill(BUYER.withWording("Licensed to NAME (EMAIL) \u00b7 order ORDER \u00b7 DATE #" + (i & 7))).crc32();
        }
        System.out.printf("  fill: %.1f us CPU per buyer (%.1f us wall) (%d)%n", (cpu.getCurrentThreadCpuTime() - startCpu) / 1000.0 / fills,
                (System.nanoTime() - start) / 1000.0 / fills, sink & 1);
        start = System.nanoTime();
        StampedCopy copy = template.fill(BUYER);
        try (InputStream in = copy.open(Copies.opener(base))) {
            in.readNBytes(64 * 1024);
        }
        System.out.printf("  first 64 KiB of a fresh copy in %.2f ms%n", (System.nanoTime() - start) / 1e6);
        double[] original = new double[7];
        double[] stamped = new double[7];
        for (int round = 0; round < original.length; round++) {
            boolean stampedFirst = round % 2 == 0;
            if (stampedFirst) {
                stamped[round] = throughput(() -> copy.open(Copies.opener(base)), copy.length());
            }
            original[round] = throughput(() -> Copies.opener(master).open(0, Files.size(master)), Files.size(master));
            if (!stampedFirst) {
                stamped[round] = throughput(() -> copy.open(Copies.opener(base)), copy.length());
            }
        }
        java.util.Arrays.sort(original);
        java.util.Arrays.sort(stamped);
        System.out.printf("  stream (median of 7, alternating): original %.0f MB/s, stamped %.0f MB/s (%.2fx)%n",
                original[3], stamped[3], stamped[3] / original[3]);
        if (prepared.derivedBase().isPresent()) {
            Files.delete(prepared.derivedBase().get());
        }
    }

    private interface Source {
        InputStream open() throws IOException;
    }

    private static double throughput(Source source, long length) throws IOException {
        byte[] buffer = new byte[128 * 1024];
        long start = System.nanoTime();
        long total = 0;
        try (InputStream in = source.open()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
            }
        }
        if (total != length) {
            throw new IllegalStateException("read " + total + " of " + length);
        }
        return total / 1e6 / ((System.nanoTime() - start) / 1e9);
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Pages each drawing a side x side RGB image of random (incompressible) bytes, plus a line of text; written by hand, streaming. */
    static void bigPdf(Path file, int pages, int side) throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        List<Long> offsets = new ArrayList<>();
        try (CountingOutput out = new CountingOutput(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            out.ascii("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
            int objects = 3 + 3 * pages;
            StringBuilder kids = new StringBuilder();
            for (int p = 0; p < pages; p++) {
                kids.append(4 + 3 * p).append(" 0 R ");
            }
            object(out, offsets, "<< /Type /Catalog /Pages 2 0 R >>");
            object(out, offsets, "<< /Type /Pages /Kids [" + kids + "] /Count " + pages + " >>");
            object(out, offsets, "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>");
            byte[] row = new byte[side * 3];
            for (int p = 0; p < pages; p++) {
                int page = 4 + 3 * p;
                object(out, offsets, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Im "
                        + (page + 2) + " 0 R >> >> /Contents " + (page + 1) + " 0 R >>");
                String content = "q 500 0 0 500 47 250 cm /Im Do Q BT /F1 12 Tf 72 780 Td (Photo page " + (p + 1) + ") Tj ET";
                object(out, offsets, "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream");
                offsets.add(out.count);
                out.ascii((page + 2) + " 0 obj\n<< /Type /XObject /Subtype /Image /Width " + side + " /Height " + side
                        + " /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length " + (long) side * side * 3 + " >>\nstream\n");
                for (int y = 0; y < side; y++) {
                    random.nextBytes(row);
                    out.write(row);
                }
                out.ascii("\nendstream\nendobj\n");
            }
            long xref = out.count;
            out.ascii("xref\n0 " + (objects + 1) + "\n0000000000 65535 f\r\n");
            for (long offset : offsets) {
                out.ascii(String.format("%010d 00000 n\r\n", offset));
            }
            out.ascii("trailer\n<< /Size " + (objects + 1) + " /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
        }
    }

    private static void object(CountingOutput out, List<Long> offsets, String body) throws IOException {
        offsets.add(out.count);
        out.ascii((offsets.size()) + " 0 obj\n" + body + "\nendobj\n");
    }

    /** An EPUB 3 with big stored images (random bytes) and many chapters. */
    static void bigEpub(Path file, int images, int imageBytes, int chapters) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        StringBuilder manifest = new StringBuilder();
        StringBuilder spine = new StringBuilder();
        for (int c = 1; c <= chapters; c++) {
            manifest.append("<item id=\"c").append(c).append("\" href=\"c").append(c).append(".xhtml\" media-type=\"application/xhtml+xml\"/>\n");
            spine.append("<itemref idref=\"c").append(c).append("\"/>\n");
        }
        files.put("OEBPS/content.opf", TestEpubs.utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"id\">\n"
                + "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:identifier id=\"id\">" + TestEpubs.UID + "</dc:identifier>"
                + "<dc:title>Big</dc:title><dc:language>en</dc:language><meta property=\"dcterms:modified\">2026-01-01T00:00:00Z</meta></metadata>\n"
                + "<manifest>\n" + manifest + "</manifest>\n<spine>\n" + spine + "</spine>\n</package>\n"));
        for (int c = 1; c <= chapters; c++) {
            files.put("OEBPS/c" + c + ".xhtml", TestEpubs.utf8(TestEpubs.html3("Chapter " + c, TestEpubs.paragraphs(400), "")));
        }
        SplittableRandom random = new SplittableRandom(2);
        byte[][] distinct = new byte[4][imageBytes]; // a few random images, reused, keep the generator itself small
        for (byte[] image : distinct) {
            random.nextBytes(image);
        }
        for (int i = 0; i < images; i++) {
            files.put("OEBPS/images/photo" + i + ".bin", distinct[i % distinct.length]);
        }
        TestEpubs.write(file, files);
    }

    private static final class CountingOutput extends java.io.FilterOutputStream {
        long count;

        CountingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        void ascii(String s) throws IOException {
            write(s.getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
