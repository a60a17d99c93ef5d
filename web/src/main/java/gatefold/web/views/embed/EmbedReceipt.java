package gatefold.web.views.embed;

import gatefold.web.views.store.AlbumChoice;
import java.util.List;

/**
 * The end of an embedded checkout: the album in each format and the downloads once paid, or
 * a note that the payment is still being confirmed. The release and purchase fields travel
 * to the host page in the {@code gatefold:purchase} message.
 */
public record EmbedReceipt(EmbedFrame frame, String releaseId, String releaseTitle, String releaseUrl, String purchaseId,
                           String status, String amount, String currency, String amountLabel,
                           AlbumChoice albums, List<EmbedDownload> downloads,
                           String receiptUrl, String libraryUrl) {

    public boolean confirmed() {
        return "confirmed".equals(status);
    }

    public boolean pending() {
        return "pending".equals(status);
    }
}
