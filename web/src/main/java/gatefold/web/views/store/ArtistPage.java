package gatefold.web.views.store;

import gatefold.web.views.Layout;
import java.util.List;

/**
 * An artist's store: their name, bio (plain text), links, published releases, where the follow form posts,
 * and their bundles (each linking its page, labelled with title and price).
 */
public record ArtistPage(Layout layout, String name, String bio, List<Link> links, List<ReleaseCard> releases, String followAction,
                         List<Link> bundles) {

    public ArtistPage(Layout layout, String name, String bio, List<Link> links, List<ReleaseCard> releases, String followAction) {
        this(layout, name, bio, links, releases, followAction, List.of());
    }
}
