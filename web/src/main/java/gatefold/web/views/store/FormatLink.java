package gatefold.web.views.store;

/** A file in one more format: the format as a fan reads it ("MP3 320"), its link, and its size when known. */
public record FormatLink(String label, String href, String size) {
}
