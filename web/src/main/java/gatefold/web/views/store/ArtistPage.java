package gatefold.web.views.store;

import gatefold.web.views.Layout;
import java.util.List;

/** An artist's store: their name, bio (plain text), links, published releases, and where the follow form posts. */
public record ArtistPage(Layout layout, String name, String bio, List<Link> links, List<ReleaseCard> releases, String followAction) {
}
