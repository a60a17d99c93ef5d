package gatefold.web.views.dashboard;

import java.util.List;

/** The artist's bundles and the form to make one (or, on a bundle's own page, to edit it). */
public record BundlesPage(Nav nav, List<BundleRow> bundles, BundleForm form, String error) {
}
