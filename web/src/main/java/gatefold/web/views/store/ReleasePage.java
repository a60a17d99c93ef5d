package gatefold.web.views.store;

import gatefold.web.views.Layout;
import java.util.List;

/**
 * A release as a fan sees it, with the formats it comes in and the album's size in each.
 * {@code descriptionHtml} is sanitized HTML rendered from the artist's Markdown; every other
 * string is plain text and escaped by the template. {@code trailerUrl} is a film's public
 * trailer (a plain MP4 with ranges), or null; {@code rent} offers the film to rent, or is null.
 */
public record ReleasePage(Layout layout, Link artist, String title, String kind, String releaseDate, Cover cover,
                          String descriptionHtml, String credits, String licence, List<Track> tracks, List<OfferedFormat> formats,
                          List<FileRow> files, BuyForm buy, String trailerUrl, RentForm rent) {

    public ReleasePage(Layout layout, Link artist, String title, String kind, String releaseDate, Cover cover,
                       String descriptionHtml, String credits, String licence, List<Track> tracks, List<OfferedFormat> formats,
                       List<FileRow> files, BuyForm buy, String trailerUrl) {
        this(layout, artist, title, kind, releaseDate, cover, descriptionHtml, credits, licence, tracks, formats, files, buy,
                trailerUrl, null);
    }

    public ReleasePage(Layout layout, Link artist, String title, String kind, String releaseDate, Cover cover,
                       String descriptionHtml, String credits, String licence, List<Track> tracks, List<OfferedFormat> formats,
                       List<FileRow> files, BuyForm buy) {
        this(layout, artist, title, kind, releaseDate, cover, descriptionHtml, credits, licence, tracks, formats, files, buy, null);
    }
}
