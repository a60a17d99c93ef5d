package gatefold.web.views.store;

import gatefold.web.views.Layout;
import java.util.List;

/** A redeemed code's downloads; {@code again} when the fan had redeemed it before. */
public record RedeemedPage(Layout layout, String title, boolean again, List<FileRow> downloads) {
}
