package gatefold.web.views.store;

/** A film's subtitles in one language, as a {@code <track>}: {@code src} is the WebVTT file, {@code label} what the menu shows. */
public record Caption(String src, String language, String label) {
}
