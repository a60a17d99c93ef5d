package gatefold.web.views.store;

/** A cover image in a default size plus a srcset of the other sizes; {@code alt} names the release. */
public record Cover(String src, String srcset, String alt) {
}
