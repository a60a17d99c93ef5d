package gatefold.web.views.dashboard;

/** A format the artist may offer (a checkbox): its id, its label, and whether fans get it now. */
public record FormatOption(String id, String label, boolean chosen) {
}
