package gatefold.server.library;

import gatefold.server.common.Money;
import gatefold.server.delivery.DownloadLinks;
import java.time.Instant;
import java.util.List;

/** One release in a fan's library, with freshly signed download links: every file in each format, and the album in each. */
public record LibraryItem(String purchaseId, String releaseId, String releaseTitle, String artistName, Money.Wire amount,
                          Instant purchasedAt, List<DownloadLinks.Download> downloads, List<DownloadLinks.Album> albums) {
}
