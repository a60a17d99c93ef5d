package gatefold.web.views.store;

import gatefold.web.views.Layout;
import java.util.List;

/** A fan's receipt: what they paid and, once confirmed, every download with size and SHA-256. */
public record ReceiptPage(Layout layout, String title, String releaseHref, String paid, String discount, String status,
                          List<FileRow> downloads) {
}
