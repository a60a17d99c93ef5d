package gatefold.web.views.store;

/** A link with its visible text. */
public record Link(String href, String label) {
}
