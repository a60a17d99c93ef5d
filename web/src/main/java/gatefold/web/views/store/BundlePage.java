package gatefold.web.views.store;

import gatefold.web.views.Layout;
import java.util.List;

/**
 * A bundle as a fan sees it: its releases, its price and what they would cost apart, whether
 * releases to come join it, and the form that starts its checkout (a fan who owns part pays less).
 */
public record BundlePage(Layout layout, String title, String artistName, String artistHref, List<Link> releases, String price,
                         String worth, boolean includesFuture, String action) {
}
