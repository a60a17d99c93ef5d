package gatefold.storage;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What the file store keeps beside each blob. The size ties it to the blob it describes:
 * a sidecar whose size disagrees with the blob on disk is stale and ignored.
 */
record BlobMeta(String etag, String contentType, long size) {

    byte[] encode() {
        Properties properties = new Properties();
        properties.setProperty("etag", etag);
        properties.setProperty("size", Long.toString(size));
        if (contentType != null) {
            properties.setProperty("contentType", contentType);
        }
        StringWriter out = new StringWriter();
        try {
            properties.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Optional<BlobMeta> read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        String etag = properties.getProperty("etag");
        String size = properties.getProperty("size");
        if (etag == null || size == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BlobMeta(etag, properties.getProperty("contentType"), Long.parseLong(size)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
