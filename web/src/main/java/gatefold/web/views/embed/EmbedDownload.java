package gatefold.web.views.embed;

/** A file the fan can download from the overlay's receipt. */
public record EmbedDownload(String name, String url, String sizeLabel) {
}
