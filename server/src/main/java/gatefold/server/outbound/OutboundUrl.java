package gatefold.server.outbound;

import gatefold.server.common.Refusal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A URL an artist gave us, checked for its form only: http or https, a host, no user name or
 * password, and no IPv4 address spelled in decimal, octal or hex (which other software reads
 * differently from Java). Whether its address may be called is decided at call time.
 * {@link #toString()} shows only the scheme, host and port: paths and queries may carry tokens.
 */
public final class OutboundUrl {

    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");
    private static final Pattern DOTTED_QUAD = Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
            + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private final URI uri;

    private OutboundUrl(URI uri) {
        this.uri = uri;
    }

    /** Why a URL is not one we call, in words that finish the sentence "'url' ...". */
    public static final class Unusable extends IllegalArgumentException {
        Unusable(String reason) {
            super(reason, null);
        }

        public String reason() {
            return getMessage();
        }
    }

    /** Parses a URL to call; a fragment is dropped (it is never sent). */
    public static OutboundUrl parse(String raw) {
        URI uri;
        try {
            uri = new URI(raw == null ? "" : raw.strip());
        } catch (URISyntaxException e) {
            throw new Unusable("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Unusable("must be an http or https URL");
        }
        if (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            throw new Unusable("must not carry a user name or password");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new Unusable("needs a host name");
        }
        if (unusualNumericHost(host)) {
            throw new Unusable("spells its address in an unusual way; write an IPv4 address as four numbers or use a host name");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new Unusable("has a port outside 1 to 65535");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        try {
            return new OutboundUrl(new URI(scheme + "://" + uri.getRawAuthority() + path + query));
        } catch (URISyntaxException e) {
            throw new Unusable("is not a URL");
        }
    }

    /** A base to add paths to (a BTCPay Server's address): no query or fragment, which would swallow what is added. */
    public static OutboundUrl parseBase(String raw) {
        OutboundUrl url = parse(raw);
        if (raw.contains("?") || raw.contains("#")) {
            throw new Unusable("must not have a '?' or '#' part");
        }
        return url;
    }

    /** {@link #parse}, refusing an unusable URL as invalid input; {@code subject} names it, e.g. "'url'". */
    public static OutboundUrl check(String raw, String subject) {
        try {
            return parse(raw);
        } catch (Unusable e) {
            throw Refusal.invalid(subject + " " + e.reason() + ".");
        }
    }

    /** {@link #parseBase}, refusing an unusable URL as invalid input. */
    public static OutboundUrl checkBase(String raw, String subject) {
        try {
            return parseBase(raw);
        } catch (Unusable e) {
            throw Refusal.invalid(subject + " " + e.reason() + ".");
        }
    }

    /** This base with an already escaped path appended, e.g. "/api/v1/stores/abc/invoices". */
    public OutboundUrl withPath(String rawPath) {
        String base = uri.getRawPath().endsWith("/") ? uri.toString().substring(0, uri.toString().length() - 1) : uri.toString();
        return parse(base + rawPath);
    }

    public URI uri() {
        return uri;
    }

    public String host() {
        return uri.getHost();
    }

    /** Scheme, host and port only, and "/…" when there is more: safe for logs. */
    public String redacted() {
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        String rest = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return rest.isEmpty() || rest.equals("/") ? origin + rest : origin + "/…";
    }

    /** Text (an exception's message, say) with this URL's path and query masked wherever they appear. */
    public String mask(String text) {
        String masked = text.replace(uri.toString(), redacted());
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            masked = masked.replace(query, "…");
        }
        String path = uri.getRawPath();
        return path.length() > 1 ? masked.replace(path, "/…") : masked;
    }

    @Override
    public String toString() {
        return redacted();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutboundUrl other && other.uri.equals(uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    /** A host whose last label is a number is an IPv4 address to browsers; only the plain dotted form is accepted. */
    static boolean unusualNumericHost(String host) {
        if (host.startsWith("[")) {
            return host.contains("%");
        }
        String[] labels = host.split("\\.", -1);
        String last = labels[labels.length - 1].isEmpty() && labels.length > 1 ? labels[labels.length - 2] : labels[labels.length - 1];
        return NUMERIC_LABEL.matcher(last).matches() && !DOTTED_QUAD.matcher(host).matches();
    }
}
