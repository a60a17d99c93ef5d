package gatefold.web.views.store;

import gatefold.web.views.Layout;
import java.util.List;

/** An artist's store: their name, bio (plain text), links and published releases. */
public record ArtistPage(Layout layout, String name, String bio, List<Link> links, List<ReleaseCard> releases) {
}
