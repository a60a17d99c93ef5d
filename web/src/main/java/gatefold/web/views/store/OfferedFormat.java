package gatefold.web.views.store;

/** A format a release comes in, before purchase: its label and the album's size in it ("212 MB", "about 98 MB", or null). */
public record OfferedFormat(String label, String size) {
}
