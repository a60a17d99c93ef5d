package gatefold.web.views.store;

/** One option of a select: its value, what the fan reads, and whether it is chosen. */
public record Option(String value, String label, boolean selected) {
}
