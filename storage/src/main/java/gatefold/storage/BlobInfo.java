package gatefold.storage;

import java.time.Instant;

/** What a store knows about a blob without reading it. The ETag is opaque and quoted-free. */
public record BlobInfo(BlobKey key, long size, String etag, String contentType, Instant lastModified) {
}
