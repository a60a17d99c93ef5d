package gatefold.web.views.store;

import java.util.List;

/** One purchase in a fan's library; {@code invoice} links its invoice, or is null. */
public record LibraryEntry(String title, String artistName, String purchasedOn, AlbumChoice albums, List<FileRow> downloads,
                           Link invoice) {

    public LibraryEntry(String title, String artistName, String purchasedOn, AlbumChoice albums, List<FileRow> downloads) {
        this(title, artistName, purchasedOn, albums, downloads, null);
    }
}
