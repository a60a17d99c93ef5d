package gatefold.web.views.store;

/** An artist on a store with several: name, page, and how many releases they offer. */
public record ArtistCard(String name, String href, int releases) {
}
