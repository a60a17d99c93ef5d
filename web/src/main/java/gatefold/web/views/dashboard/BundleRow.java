package gatefold.web.views.dashboard;

/** A bundle in the artist's list: what it holds, its price, and whether releases to come join it. */
public record BundleRow(String id, String title, String releases, String price, boolean includesFuture, String url) {
}
