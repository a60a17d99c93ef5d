package gatefold.web.views.store;

import gatefold.web.views.Layout;
import java.util.List;

/** The store front of an instance with several artists (or none yet). */
public record HomePage(Layout layout, List<ArtistCard> artists) {
}
