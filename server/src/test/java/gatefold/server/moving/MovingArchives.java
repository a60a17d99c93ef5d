package gatefold.server.moving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gatefold.server.ApiClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Small archives taken apart and put together again in memory, for tests that damage them. */
final class MovingArchives {

    private MovingArchives() {
    }

    static Map<String, byte[]> read(byte[] archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        TarReader tar = new TarReader(new ByteArrayInputStream(archive));
        for (Optional<TarReader.Entry> e = tar.next(); e.isPresent(); e = tar.next()) {
            entries.put(e.get().name(), tar.body().readAllBytes());
        }
        return entries;
    }

    static byte[] write(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(out, 0)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                tar.entry(e.getKey(), e.getValue().length, new ByteArrayInputStream(e.getValue()));
            }
        }
        return out.toByteArray();
    }

    /** The entries with the manifest's table sizes, hashes and row counts made to match the tables again. */
    static Map<String, byte[]> rehashed(Map<String, byte[]> entries) throws IOException {
        JsonNode manifest = ApiClient.JSON.readTree(entries.get(ArchiveLayout.MANIFEST));
        for (JsonNode table : manifest.path("tables")) {
            byte[] bytes = entries.get(table.path("entry").asText());
            ((ObjectNode) table).put("size", bytes.length).put("sha256", TamperedArchiveTest.sha256(bytes))
                    .put("rows", new String(bytes, java.nio.charset.StandardCharsets.UTF_8).lines().count());
        }
        entries.put(ArchiveLayout.MANIFEST, ApiClient.JSON.writeValueAsBytes(manifest));
        return entries;
    }
}
