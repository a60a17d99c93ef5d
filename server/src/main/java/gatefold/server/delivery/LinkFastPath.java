package gatefold.server.delivery;

import gatefold.server.http.ClientAddress;
import gatefold.server.http.SecurityHeaders;
import gatefold.server.config.DeliveryMode;
import java.time.Instant;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The everyday click on a download link in redirect mode, answered on Jetty before the
 * web framework: when a release goes out, thousands of fans click at once, and the
 * framework's routing and request objects cost more than the click itself. A plain GET
 * of {@code /d/{token}} (no range, no validators) is decided by the same
 * {@link Deliveries#decide} as the route; a redirect is answered (and counted) here, with
 * the same status and headers, and everything else (every refusal, HEAD, ranges) goes on to
 * {@link DownloadRoutes}, which decides again: only a redirect spends anything.
 */
final class LinkFastPath extends Handler.Wrapper {

    private static final String PREFIX = "/d/";
    private final Deliveries deliveries;

    LinkFastPath(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public InvocationType getInvocationType() {
        // It reads the database, so Jetty must never run it on a thread that selects.
        return InvocationType.BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String token = deliveries.mode() == DeliveryMode.REDIRECT ? plainClick(request) : null;
        if (token == null) {
            return super.handle(request, response, callback);
        }
        ClickDecision decision;
        try {
            decision = deliveries.resolve(Click.plain(token, false, request.getHeaders().get(HttpHeader.USER_AGENT),
                    ClientAddress.of(request).text(), Instant.now()));
        } catch (RuntimeException e) {
            // Nothing is spent before a decision is whole; the route meets the same trouble and answers it properly.
            return super.handle(request, response, callback);
        }
        if (!(decision instanceof ClickDecision.Redirect redirect)) {
            // Only a redirect has spent anything; every other answer is the route's to give.
            return super.handle(request, response, callback);
        }
        deliveries.count(redirect);
        response.setStatus(302);
        HttpFields.Mutable headers = response.getHeaders();
        SecurityHeaders.add(headers);
        headers.put(HttpHeader.LOCATION, redirect.url().toString());
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        headers.put(HttpHeader.CONTENT_LENGTH, 0L);
        response.write(true, null, callback);
        return true;
    }

    /** The token of a GET of /d/{token} with nothing that asks for more than a redirect; else null. */
    static String plainClick(Request request) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            return null;
        }
        String path = request.getHttpURI().getPath();
        if (path == null || !path.startsWith(PREFIX) || path.length() == PREFIX.length()) {
            return null;
        }
        for (int i = PREFIX.length(); i < path.length(); i++) {
            char c = path.charAt(i);
            boolean tokenChar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.';
            if (!tokenChar) {
                return null;
            }
        }
        HttpFields headers = request.getHeaders();
        if (headers.contains(HttpHeader.RANGE) || headers.contains(HttpHeader.IF_NONE_MATCH) || headers.contains(HttpHeader.IF_RANGE)
                || headers.contains(HttpHeader.IF_MATCH) || headers.contains(HttpHeader.IF_UNMODIFIED_SINCE)) {
            return null;
        }
        return path.substring(PREFIX.length());
    }
}
