package gatefold.web.views.store;

import java.util.List;

/**
 * One purchase in a fan's library; {@code invoice} links its invoice, or is null; {@code player}
 * lists the tracks to play in the page (whole, through short-lived links), {@code filmUrl} the
 * film's HLS playlist to watch (or null); {@code rental} says a rental's time left in words (or is null);
 * {@code captions} the film's subtitles, as tracks of its single-file fallback; {@code preorder} says when a
 * pre-order opens (or is null).
 */
public record LibraryEntry(String title, String artistName, String purchasedOn, AlbumChoice albums, List<FileRow> downloads,
                           Link invoice, List<Track> player, String filmUrl, String rental, List<Caption> captions,
                           String preorder) {

    public LibraryEntry(String title, String artistName, String purchasedOn, AlbumChoice albums, List<FileRow> downloads,
                        Link invoice, List<Track> player, String filmUrl, String rental, List<Caption> captions) {
        this(title, artistName, purchasedOn, albums, downloads, invoice, player, filmUrl, rental, captions, null);
    }

    public LibraryEntry(String title, String artistName, String purchasedOn, AlbumChoice albums, List<FileRow> downloads,
                        Link invoice, List<Track> player, String filmUrl, String rental) {
        this(title, artistName, purchasedOn, albums, downloads, invoice, player, filmUrl, rental, List.of());
    }

    public LibraryEntry(String title, String artistName, String purchasedOn, AlbumChoice albums, List<FileRow> downloads,
                        Link invoice, List<Track> player, String filmUrl) {
        this(title, artistName, purchasedOn, albums, downloads, invoice, player, filmUrl, null);
    }

    public LibraryEntry(String title, String artistName, String purchasedOn, AlbumChoice albums, List<FileRow> downloads,
                        Link invoice) {
        this(title, artistName, purchasedOn, albums, downloads, invoice, List.of(), null);
    }

    public LibraryEntry(String title, String artistName, String purchasedOn, AlbumChoice albums, List<FileRow> downloads) {
        this(title, artistName, purchasedOn, albums, downloads, null);
    }
}
