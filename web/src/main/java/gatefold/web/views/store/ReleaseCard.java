package gatefold.web.views.store;

/** A release in a list: where it lives, its cover (or null), and its price in words. */
public record ReleaseCard(String title, String href, Cover cover, String kind, String price) {
}
