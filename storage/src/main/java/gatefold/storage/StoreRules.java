package gatefold.storage;

/** Rules both stores hold callers to, so a site that works on disk works on S3. */
final class StoreRules {

    /** S3 refuses smaller parts except the last; the file store does too. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    static final int MAX_PART_NUMBER = 10_000;

    private StoreRules() {
    }

    static void checkPartNumber(int partNumber) {
        if (partNumber < 1 || partNumber > MAX_PART_NUMBER) {
            throw new IllegalArgumentException("part numbers run from 1 to " + MAX_PART_NUMBER + ", not " + partNumber);
        }
    }

    static void checkPartLength(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("a part needs its length");
        }
    }

    static String typeOrDefault(String contentType) {
        return contentType == null || contentType.isBlank() ? BlobStore.DEFAULT_CONTENT_TYPE : contentType;
    }

    /** ETags travel quoted in HTTP and bare everywhere in Gatefold. */
    static String unquote(String etag) {
        if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            return etag.substring(1, etag.length() - 1);
        }
        return etag;
    }
}
