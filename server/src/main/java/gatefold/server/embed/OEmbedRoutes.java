package gatefold.server.embed;

import gatefold.server.common.Refusal;
import gatefold.server.http.Html;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * oEmbed (https://oembed.com) for this store's release pages, so blogs and chat apps that
 * speak it show the release card when someone pastes a release link.
 */
public final class OEmbedRoutes implements RouteGroup {

    static final int FULL_WIDTH = 360;
    static final int FULL_HEIGHT = 540;
    static final int COMPACT_WIDTH = 480;
    static final int COMPACT_HEIGHT = 122;
    private static final Pattern RELEASE_PATH = Pattern.compile("/r/([^/]+)/([^/]+)/?");

    private final EmbedReleases releases;

    public OEmbedRoutes(EmbedReleases releases) {
        this.releases = releases;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/oembed", this::oembed);
    }

    private void oembed(Context ctx) {
        // Public and read-only: any site may ask from its own scripts.
        ctx.header("Access-Control-Allow-Origin", "*");
        String format = ctx.queryParam("format");
        if (format != null && !format.equals("json")) {
            throw new Refusal(Refusal.Kind.NOT_OFFERED, "Only format=json is offered.");
        }
        String url = ctx.queryParam("url");
        if (url == null || url.isBlank()) {
            throw Refusal.badRequest("Pass the release page's address as ?url=.");
        }
        EmbedReleases.Shown shown = release(url).orElseThrow(() -> Refusal.notFound("No release of this store has that address."));
        int maxWidth = dimension(ctx, "maxwidth");
        int maxHeight = dimension(ctx, "maxheight");
        boolean compact = maxWidth < FULL_WIDTH || maxHeight < FULL_HEIGHT;
        int width = compact ? Math.min(COMPACT_WIDTH, maxWidth) : FULL_WIDTH;
        int height = compact ? COMPACT_HEIGHT : FULL_HEIGHT;
        String title = shown.release().title();
        String src = releases.publicUrl() + releases.cardPath(shown, compact);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", "1.0");
        out.put("type", "rich");
        out.put("provider_name", "Gatefold");
        out.put("provider_url", releases.publicUrl().toString());
        out.put("title", title);
        out.put("author_name", shown.artist().name());
        out.put("author_url", releases.publicUrl() + "/a/" + EmbedReleases.segment(shown.artist().slug()));
        out.put("html", "<iframe src=\"" + Html.escape(src) + "\" width=\"" + width + "\" height=\"" + height
                + "\" title=\"" + Html.escape(title + " by " + shown.artist().name())
                + "\" style=\"border:0;max-width:100%\" loading=\"lazy\"></iframe>");
        out.put("width", width);
        out.put("height", height);
        out.put("cache_age", 3600);
        String cover = releases.coverPath(shown);
        if (cover != null) {
            out.put("thumbnail_url", releases.publicUrl() + cover);
        }
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.json(out);
    }

    /** The release a URL names, only when it is one of this store's release pages. */
    private Optional<EmbedReleases.Shown> release(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
        URI base = releases.publicUrl();
        if (uri.getScheme() == null || uri.getRawAuthority() == null
                || !uri.getScheme().equalsIgnoreCase(base.getScheme())
                || !uri.getRawAuthority().toLowerCase(Locale.ROOT).equals(base.getRawAuthority().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.startsWith(basePath)) {
            return Optional.empty();
        }
        Matcher m = RELEASE_PATH.matcher(path.substring(basePath.length()));
        if (!m.matches()) {
            return Optional.empty();
        }
        return releases.bySlugs(decode(m.group(1)), decode(m.group(2)));
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static int dimension(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return Integer.MAX_VALUE;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value < 1) {
                throw Refusal.badRequest("'" + name + "' must be a positive number of pixels.");
            }
            return value;
        } catch (NumberFormatException e) {
            throw Refusal.badRequest("'" + name + "' must be a positive number of pixels.");
        }
    }
}
