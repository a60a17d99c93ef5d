package gatefold.web.views.store;

/**
 * A file a fan gets: its name and size in words; for downloads also the link and the
 * SHA-256 (either may be null on pages that only describe what a purchase includes).
 */
public record FileRow(String name, String size, String href, String sha256) {
}
