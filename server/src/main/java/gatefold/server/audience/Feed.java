package gatefold.server.audience;

import java.time.Instant;
import java.util.List;

/**
 * One feed of releases (an artist's, or the whole store's), in no particular syntax: {@link FeedXml}
 * writes it as Atom or RSS 2.0, {@link FeedRoutes} as JSON Feed.
 */
public record Feed(String title, String subtitle, String page, String self, Instant updated, String author, List<Entry> entries) {

    /** A published release: {@code id} is a stable URL that does not change with the slug; {@code cover} may be null. */
    public record Entry(String id, String title, String link, String author, Instant published, Instant updated, String summary,
                        String cover) {
    }
}
