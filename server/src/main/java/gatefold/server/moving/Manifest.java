package gatefold.server.moving;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import gatefold.server.common.Refusal;
import java.io.IOException;
import java.util.List;

/**
 * {@code manifest.json}, the first entry of an export: what the archive holds and how to check
 * it. Every other entry is listed here with its size and SHA-256, so an import knows what to
 * expect before it reads a byte of it. The fields are described in docs/EXPORT.md and
 * docs/export-manifest.schema.json.
 */
record Manifest(String format, int version, String createdAt, String source, int schema, String scope,
                List<MovedArtist> artists, String secrets, Kdf kdf, List<TablePart> tables, List<Part> csv,
                List<BlobPart> blobs) {

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The manifest is read whole: this bounds what a hostile archive can make us hold. */
    static final int MAX_BYTES = 32 * 1024 * 1024;

    /** An artist in the archive, as the import checks it against the store it goes into. */
    record MovedArtist(String id, String slug, String name, String email) {
    }

    /** How the passphrase that seals secrets in the archive becomes a key. */
    record Kdf(String algorithm, String salt, int iterations) {
    }

    /** One table's rows, as JSON lines. */
    record TablePart(String name, String entry, long rows, long size, String sha256) {
    }

    /** Any other entry (the spreadsheets). */
    record Part(String entry, long size, String sha256) {
    }

    /** One file content, stored once, and every store key it lives under. */
    record BlobPart(String entry, long size, String sha256, String contentType, List<String> keys) {
    }

    byte[] toBytes() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Manifest parse(byte[] bytes) {
        Manifest manifest;
        try {
            manifest = JSON.readValue(bytes, Manifest.class);
        } catch (IOException e) {
            throw Refusal.invalid("The archive's manifest.json is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (!ArchiveLayout.FORMAT.equals(manifest.format())) {
            throw Refusal.invalid("The archive's manifest.json is not a Gatefold export (format \""
                    + ArchiveLayout.printable(String.valueOf(manifest.format())) + "\").");
        }
        if (manifest.version() != ArchiveLayout.VERSION) {
            throw Refusal.invalid("The archive is format version " + manifest.version() + "; this Gatefold reads version "
                    + ArchiveLayout.VERSION + ". Import it with a Gatefold that knows that version.");
        }
        if (manifest.artists() == null || manifest.tables() == null || manifest.blobs() == null) {
            throw Refusal.invalid("The archive's manifest.json lacks artists, tables or blobs.");
        }
        return manifest;
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message;
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }
}
