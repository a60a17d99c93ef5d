package gatefold.storage;

/** A part of a multipart upload as the store recorded it. The ETag is quote-free. */
public record PartInfo(int partNumber, String etag, long size) {
}
