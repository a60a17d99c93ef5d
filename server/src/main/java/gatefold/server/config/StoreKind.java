package gatefold.server.config;

/** Where blobs live: local disk in the data dir, or any S3-compatible store. */
public enum StoreKind {
    FILE, S3;

    static StoreKind parse(String raw) {
        return switch (raw.toLowerCase()) {
            case "file" -> FILE;
            case "s3" -> S3;
            default -> throw new ConfigException("GATEFOLD_STORE=" + raw + " is not a store; use file (local disk) or s3");
        };
    }
}
