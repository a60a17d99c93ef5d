package gatefold.server.library;

import gatefold.server.common.Money;
import com.fasterxml.jackson.annotation.JsonInclude;
import gatefold.server.delivery.DownloadLinks;
import gatefold.server.sales.SaleDocuments;
import gatefold.server.watch.RentalTerms;
import java.time.Instant;
import java.util.List;

/**
 * One release in a fan's library, with freshly signed download links (every file in each
 * format, and the album in each), its invoice when the artist issued one, and what plays in the
 * browser (each track, or the film's HLS playlist), through short-lived signed URLs; a rental's
 * windows and time left when the film was rented; {@code opensOn}, on a pre-order, the release date when everything
 * else opens (until then {@code downloads} holds only the files the artist made available now).
 */
public record LibraryItem(String purchaseId, String releaseId, String releaseTitle, String artistName, Money.Wire amount,
                          Instant purchasedAt, List<DownloadLinks.Download> downloads, List<DownloadLinks.Album> albums,
                          @JsonInclude(JsonInclude.Include.NON_NULL) SaleDocuments.Document invoice,
                          List<DownloadLinks.Stream> streams,
                          @JsonInclude(JsonInclude.Include.NON_NULL) RentalTerms rental,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String opensOn) {
}
