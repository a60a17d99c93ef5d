package gatefold.web.views.store;

/** A format a release comes in, before purchase: its id, its label and the album's size in it ("212 MB", "about 98 MB", or null). */
public record OfferedFormat(String format, String label, String size) {
}
