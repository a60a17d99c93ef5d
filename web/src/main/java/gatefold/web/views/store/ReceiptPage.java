package gatefold.web.views.store;

import gatefold.web.views.Layout;
import java.util.List;

/**
 * A fan's receipt: what they paid and, once confirmed, the album in each format and every
 * download with its other formats. For artists who charge tax or issue invoices: the tax in
 * the price ({@code taxLine}), the invoice and credit note ({@code documents}), and a form for
 * a business buyer's details ({@code buyer}, or null); each is null or empty otherwise. {@code preorder}
 * says when a pre-order opens (or is null).
 */
public record ReceiptPage(Layout layout, String title, String releaseHref, String paid, String discount, String status,
                          AlbumChoice albums, List<FileRow> downloads, String taxLine, List<Link> documents, BuyerForm buyer,
                          String preorder) {

    public ReceiptPage(Layout layout, String title, String releaseHref, String paid, String discount, String status,
                       AlbumChoice albums, List<FileRow> downloads, String taxLine, List<Link> documents, BuyerForm buyer) {
        this(layout, title, releaseHref, paid, discount, status, albums, downloads, taxLine, documents, buyer, null);
    }

    /** The same receipt, saying when the pre-order opens. */
    public ReceiptPage withPreorder(String note) {
        return new ReceiptPage(layout, title, releaseHref, paid, discount, status, albums, downloads, taxLine, documents, buyer, note);
    }

    public ReceiptPage(Layout layout, String title, String releaseHref, String paid, String discount, String status,
                       AlbumChoice albums, List<FileRow> downloads) {
        this(layout, title, releaseHref, paid, discount, status, albums, downloads, null, List.of(), null);
    }

    /** The invoice details a business buyer gave (or may give), posted to {@code action}. */
    public record BuyerForm(String action, String name, String address, String taxId, String notice) {
    }
}
