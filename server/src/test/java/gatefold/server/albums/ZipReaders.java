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
        JsonNode entries = python(zip, true);
        assertThat(entries).hasSize(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode e = entries.get(i);
            assertThat(e.get("name").asText()).isEqualTo(items.get(i).name());
            assertThat(e.get("size").asLong()).isEqualTo(items.get(i).size());
            assertThat(e.get("compressed").asLong()).isEqualTo(items.get(i).size());
            assertThat(e.get("crc").asLong()).isEqualTo(items.get(i).crc32());
            assertThat(e.get("method").asInt()).isZero();
        }
    }

    /** Java's ZipFile (central directory) hands back every entry's exact bytes. */
    static void zipFileAgrees(Path zip, List<ZipItem> items) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            List<String> names = new ArrayList<>();
            Enumeration<? extends ZipEntry> entries = file.entries();
            int i = 0;
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                ZipItem item = items.get(i++);
                names.add(entry.getName());
                assertThat(entry.getName()).isEqualTo(item.name());
                assertThat(entry.getMethod()).isEqualTo(ZipEntry.STORED);
                assertThat(entry.getSize()).isEqualTo(item.size());
                assertThat(entry.getCrc()).isEqualTo(item.crc32());
                try (InputStream in = file.getInputStream(entry)) {
                    assertSameBytes(in, item);
                }
            }
            assertThat(names).hasSize(items.size());
        }
    }

    /** Java's ZipInputStream (local headers only, front to back) hands back every entry's exact bytes. */
    static void zipInputStreamAgrees(Path zip, List<ZipItem> items) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            int i = 0;
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                ZipItem item = items.get(i++);
                assertThat(entry.getName()).isEqualTo(item.name());
                assertSameBytes(in, item);
            }
            assertThat(i).isEqualTo(items.size());
        }
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
            byte[] a = new byte[64 * 1024];
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
        assertThat(read).as("length of %s", item.name()).isEqualTo(item.size());
        assertThat(crc.getValue()).isEqualTo(item.crc32());
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
