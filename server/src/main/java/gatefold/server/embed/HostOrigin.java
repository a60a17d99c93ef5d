package gatefold.server.embed;

import java.util.regex.Pattern;

/**
 * The origin of the page that embeds a checkout, as embed.js reports it. Frames send their
 * messages only to that origin; anything that is not a plain http(s) origin is dropped.
 */
final class HostOrigin {

    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

    private HostOrigin() {
    }

    /** The origin if it is one, else null. */
    static String parse(String raw) {
        return raw != null && raw.length() <= 200 && ORIGIN.matcher(raw).matches() ? raw : null;
    }

    /** "?origin=..." to carry the host origin to the next frame page, or "" without one. */
    static String query(String origin) {
        return origin == null ? "" : "?origin=" + EmbedReleases.segment(origin);
    }
}
