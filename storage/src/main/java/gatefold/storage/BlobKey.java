package gatefold.storage;

import java.nio.charset.StandardCharsets;

/**
 * A validated store key: relative, slash-separated, no empty, "." or ".." segments, no
 * control characters or backslashes, at most 512 UTF-8 bytes. A key that passes can never
 * name anything outside the store.
 */
public record BlobKey(String value) {

    public static final int MAX_BYTES = 512;

    public BlobKey {
        if (value == null || value.isEmpty()) {
            throw new InvalidKeyException("a blob key must not be empty");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidKeyException("a blob key must be at most " + MAX_BYTES + " bytes");
        }
        if (value.startsWith("/")) {
            throw new InvalidKeyException("a blob key must be relative, not start with '/'");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                throw new InvalidKeyException("a blob key must not contain control characters");
            }
            if (c == '\\') {
                throw new InvalidKeyException("a blob key must not contain '\\'");
            }
        }
        for (String segment : value.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new InvalidKeyException("a blob key must not contain empty, '.' or '..' segments");
            }
        }
    }

    public static BlobKey of(String value) {
        return new BlobKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
