package gatefold.web.views.dashboard;

/** One option of a select: its value, what the artist reads, and whether it is the current one. */
public record Choice(String value, String label, boolean selected) {
}
