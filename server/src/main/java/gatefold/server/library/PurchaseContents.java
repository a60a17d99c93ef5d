package gatefold.server.library;

import gatefold.server.delivery.DownloadLinks;
import gatefold.server.sales.SaleDocuments;

/**
 * What a fan gets with a purchase, wherever it is shown (the library, the receipt mail): its
 * download links, the formats the fan prefers, and its invoice or credit note.
 */
public record PurchaseContents(DownloadLinks links, FormatPreferences preferences, SaleDocuments documents) {
}
