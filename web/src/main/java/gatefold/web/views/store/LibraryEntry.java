package gatefold.web.views.store;

import java.util.List;

/** One purchase in a fan's library. */
public record LibraryEntry(String title, String artistName, String purchasedOn, AlbumChoice albums, List<FileRow> downloads) {
}
