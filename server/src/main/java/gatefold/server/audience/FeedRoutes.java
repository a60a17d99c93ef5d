package gatefold.server.audience;

import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Atom, RSS 2.0 and JSON Feed of an artist's releases and of the whole store's. */
public final class FeedRoutes implements RouteGroup {

    private final Feeds feeds;

    public FeedRoutes(Feeds feeds) {
        this.feeds = feeds;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/a/{artistSlug}/feed.atom", ctx -> atom(ctx, feeds.ofArtist(ctx.pathParam("artistSlug"), ctx.path())));
        routes.get("/a/{artistSlug}/feed.rss", ctx -> rss(ctx, feeds.ofArtist(ctx.pathParam("artistSlug"), ctx.path())));
        routes.get("/a/{artistSlug}/feed.json", ctx -> json(ctx, feeds.ofArtist(ctx.pathParam("artistSlug"), ctx.path())));
        routes.get("/feed.atom", ctx -> atom(ctx, feeds.ofStore(ctx.path())));
        routes.get("/feed.rss", ctx -> rss(ctx, feeds.ofStore(ctx.path())));
        routes.get("/feed.json", ctx -> json(ctx, feeds.ofStore(ctx.path())));
    }

    private static void atom(Context ctx, Feed feed) {
        cache(ctx).contentType("application/atom+xml; charset=utf-8").result(FeedXml.atom(feed));
    }

    private static void rss(Context ctx, Feed feed) {
        cache(ctx).contentType("application/rss+xml; charset=utf-8").result(FeedXml.rss(feed));
    }

    /** JSON Feed 1.1 (jsonfeed.org). */
    private static void json(Context ctx, Feed feed) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", "https://jsonfeed.org/version/1.1");
        out.put("title", feed.title());
        out.put("home_page_url", feed.page());
        out.put("feed_url", feed.self());
        out.put("authors", List.of(Map.of("name", feed.author())));
        out.put("items", feed.entries().stream().map(e -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", e.id());
            item.put("url", e.link());
            item.put("title", e.title());
            item.put("content_text", e.summary());
            if (e.cover() != null) {
                item.put("image", e.cover());
            }
            item.put("date_published", e.published().toString());
            item.put("date_modified", e.updated().toString());
            item.put("authors", List.of(Map.of("name", e.author())));
            return item;
        }).toList());
        cache(ctx).json(out);
        ctx.contentType("application/feed+json; charset=utf-8");
    }

    /** Feed readers poll; a few minutes of staleness costs nothing and spares the database. */
    private static Context cache(Context ctx) {
        return ctx.header("Cache-Control", "public, max-age=300");
    }
}
