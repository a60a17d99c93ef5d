package gatefold.web.views.store;

import gatefold.web.views.Layout;
import java.util.List;

/**
 * A fan's receipt: what they paid and, once confirmed, the album in each format and every
 * download with its other formats.
 */
public record ReceiptPage(Layout layout, String title, String releaseHref, String paid, String discount, String status,
                          AlbumChoice albums, List<FileRow> downloads) {
}
