package gatefold.server.albums;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gatefold.server.OsTool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/** Reads a zip with the tools fans' machines use: Info-ZIP unzip, Python's zipfile, Java's two readers. */
final class ZipReaders {

    /** Python's view of every entry; with testzip, every entry is read and its CRC checked. */
    private static final String PYTHON = String.join("\n",
            "import json, sys, zipfile",
            "z = zipfile.ZipFile(sys.argv[1])",
            "bad = z.testzip() if sys.argv[2] == 'test' else None",
            "entries = [{'name': i.filename, 'size': i.file_size, 'compressed': i.compress_size, 'crc': i.CRC,",
            "            'flags': i.flag_bits, 'method': i.compress_type, 'extra': i.extra.hex(),",
            "            'time': list(i.date_time), 'version': i.extract_version, 'offset': i.header_offset}",
            "           for i in z.infolist()]",
            "json.dump({'bad': bad, 'entries': entries}, sys.stdout)");

    private ZipReaders() {
    }

    /** {@code unzip -tq}: reads every entry and checks its CRC. */
    static void unzipTest(Path zip) throws Exception {
        String out = run(List.of(OsTool.UNZIP.require().toString(), "-tq", zip.toString()));
        assertThat(out).contains("No errors detected");
    }

    static JsonNode python(Path zip, boolean readEveryByte) throws Exception {
        String out = run(List.of("python3", "-c", PYTHON, zip.toString(), readEveryByte ? "test" : "list"));
        JsonNode result = new ObjectMapper().readTree(out);
        assertThat(result.get("bad").isNull()).as("python testzip found a bad entry: %s", result.get("bad")).isTrue();
        return result.get("entries");
    }

    /** Python agrees on names, sizes and CRCs, entry by entry, after reading every byte. */
    static void pythonAgrees(Path zip, List<ZipItem> items) throws Exception {
        List<String> seen = new ArrayList<>();
        for (JsonNode e : python(zip, true)) {
            seen.add(e.get("name").asText() + " " + e.get("size").asLong() + " " + e.get("compressed").asLong() + " "
                    + e.get("crc").asLong() + " method " + e.get("method").asInt());
        }
        assertThat(seen).isEqualTo(items.stream().map(i -> i.name() + " " + i.size() + " " + i.size() + " " + i.crc32() + " method 0").toList());
    }

    /** Java's ZipFile (central directory) hands back every entry's exact bytes. */
    static void zipFileAgrees(Path zip, List<ZipItem> items) throws IOException {
        List<String> seen = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            for (int i = 0; entries.hasMoreElements(); i++) {
                ZipEntry entry = entries.nextElement();
                seen.add(describe(entry));
                if (i < items.size()) {
                    try (InputStream in = file.getInputStream(entry)) {
                        assertSameBytes(in, items.get(i));
                    }
                }
            }
        }
        assertThat(seen).isEqualTo(items.stream().map(ZipReaders::describe).toList());
    }

    /** Java's ZipInputStream (local headers only, front to back) hands back every entry's exact bytes. */
    static void zipInputStreamAgrees(Path zip, List<ZipItem> items) throws IOException {
        List<String> seen = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            for (int i = 0; (entry = in.getNextEntry()) != null; i++) {
                seen.add(entry.getName());
                if (i < items.size()) {
                    assertSameBytes(in, items.get(i));
                }
            }
        }
        assertThat(seen).isEqualTo(items.stream().map(ZipItem::name).toList());
    }

    private static String describe(ZipEntry entry) {
        return entry.getName() + " " + entry.getSize() + " " + entry.getCompressedSize() + " " + entry.getCrc() + " method " + entry.getMethod();
    }

    private static String describe(ZipItem item) {
        return item.name() + " " + item.size() + " " + item.size() + " " + item.crc32() + " method " + ZipEntry.STORED;
    }

    static void allAgree(Path zip, List<ZipItem> items) throws Exception {
        unzipTest(zip);
        pythonAgrees(zip, items);
        zipFileAgrees(zip, items);
        zipInputStreamAgrees(zip, items);
    }

    /** Compares a reader's bytes with the item's own source, chunk by chunk, and checks the CRC too. */
    static void assertSameBytes(InputStream actual, ZipItem item) throws IOException {
        CRC32 crc = new CRC32();
        long read = 0;
        try (InputStream expected = item.size() == 0 ? InputStream.nullInputStream() : item.bytes().open(0, item.size())) {
            byte[] a = new byte[(int) Math.min(64 * 1024, item.size() + 1)];
            int n;
            while ((n = actual.readNBytes(a, 0, a.length)) > 0) {
                byte[] e = expected.readNBytes(n);
                if (e.length != n || !Arrays.equals(a, 0, n, e, 0, n)) {
                    throw new AssertionError("the bytes of " + item.name() + " differ in the " + n + " bytes from " + read);
                }
                crc.update(a, 0, n);
                read += n;
            }
        }
        if (read != item.size() || crc.getValue() != item.crc32()) {
            throw new AssertionError(item.name() + ": read " + read + " bytes with CRC " + crc.getValue()
                    + ", expected " + item.size() + " with CRC " + item.crc32());
        }
    }

    static String run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s said: %s", command.get(0), text.length() > 4000 ? text.substring(0, 4000) : text).isZero();
        return text;
    }
}
