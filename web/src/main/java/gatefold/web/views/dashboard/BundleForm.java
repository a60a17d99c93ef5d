package gatefold.web.views.dashboard;

import java.util.List;

/**
 * The bundle form, new ({@code id} null) or editing: the artist's published releases to tick,
 * the price (and the least a fan who owns part of it pays), and "includes future releases".
 */
public record BundleForm(String id, String title, List<Choice> releases, String price, String minPrice, boolean includesFuture) {
}
