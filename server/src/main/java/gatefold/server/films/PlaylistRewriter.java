package gatefold.server.films;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Rewrites a stored playlist so that every URI in it points where the server says: each URI line
 * and each {@code URI="..."} attribute (init segments in {@code #EXT-X-MAP}, renditions and
 * subtitles in {@code #EXT-X-MEDIA}) is replaced by {@code urlFor(storedUri)}; every other line,
 * known tag or not, passes through unchanged.
 *
 * <p>Strict both ways: a stored URI must be a plain relative name made by the packager (no scheme,
 * no "..", no query), and a URL from {@code urlFor} must be printable ASCII without spaces or
 * quotes, since a playlist has no escaping: a line break or a quote in it could add a line or end
 * an attribute. Either kind of surprise throws instead of writing a playlist.
 */
public final class PlaylistRewriter {

    private static final Pattern STORED_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");
    private static final Pattern SAFE_URL = Pattern.compile("[\\x21\\x23-\\x7e]+");

    private PlaylistRewriter() {
    }

    /** A rendition's playlist: segment lines and the {@code #EXT-X-MAP} init segment. */
    public static String media(String stored, Function<String, String> urlFor) {
        return rewrite(stored, urlFor);
    }

    /** The master playlist: rendition playlists after {@code #EXT-X-STREAM-INF}, and {@code #EXT-X-MEDIA} URIs. */
    public static String master(String stored, Function<String, String> urlFor) {
        if (!stored.contains("#EXT-X-STREAM-INF:")) {
            throw new IllegalArgumentException("not a master playlist: no #EXT-X-STREAM-INF");
        }
        return rewrite(stored, urlFor);
    }

    private static String rewrite(String stored, Function<String, String> urlFor) {
        String[] lines = stored.replace("\r\n", "\n").split("\n", -1);
        if (!lines[0].strip().equals("#EXTM3U")) {
            throw new IllegalArgumentException("not a playlist: it does not start with #EXTM3U");
        }
        StringBuilder out = new StringBuilder(stored.length() * 2);
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty()) {
                out.append('\n');
            } else if (line.startsWith("#")) {
                out.append(rewriteAttributes(line, uri -> url(uri, urlFor))).append('\n');
            } else {
                out.append(url(line, urlFor)).append('\n');
            }
        }
        // split keeps a trailing empty string after the last newline: drop the extra line end
        return out.substring(0, out.length() - (stored.endsWith("\n") ? 1 : 0));
    }

    /**
     * Rewrites the value of a tag's URI attribute. Attributes are walked one by one (a quoted value
     * may hold commas and "URI=" text of its own, as a subtitle name could), never searched for.
     */
    private static String rewriteAttributes(String tag, Function<String, String> replace) {
        int colon = tag.indexOf(':');
        if (colon < 0) {
            return tag;
        }
        StringBuilder out = new StringBuilder(tag.substring(0, colon + 1));
        int at = colon + 1;
        while (at < tag.length()) {
            int end = attributeEnd(tag, at);
            String attribute = tag.substring(at, end);
            if (attribute.startsWith("URI=\"") && attribute.endsWith("\"") && attribute.length() >= 6) {
                attribute = "URI=\"" + replace.apply(attribute.substring(5, attribute.length() - 1)) + "\"";
            }
            out.append(attribute);
            at = end;
            if (at < tag.length()) {
                out.append(',');
                at++;
            }
        }
        return out.toString();
    }

    /** Where the attribute starting at {@code from} ends: the next comma outside quotes. */
    private static int attributeEnd(String tag, int from) {
        boolean quoted = false;
        for (int i = from; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                return i;
            }
        }
        return tag.length();
    }

    private static String url(String storedUri, Function<String, String> urlFor) {
        if (!STORED_NAME.matcher(storedUri).matches() || storedUri.contains("..")) {
            throw new IllegalArgumentException("a stored playlist names an unexpected URI: " + storedUri.replaceAll("[^\\x20-\\x7e]", "?"));
        }
        String url = urlFor.apply(storedUri);
        if (url == null || !SAFE_URL.matcher(url).matches() || url.startsWith("#")) {
            throw new IllegalArgumentException("a URL for " + storedUri + " has characters a playlist cannot carry");
        }
        return url;
    }

    /** The value of a tag's {@code URI="..."} attribute, if it has one. */
    static Optional<String> uriAttribute(String tag) {
        java.util.concurrent.atomic.AtomicReference<String> found = new java.util.concurrent.atomic.AtomicReference<>();
        rewriteAttributes(tag, uri -> {
            found.set(uri);
            return uri;
        });
        return Optional.ofNullable(found.get());
    }
}
