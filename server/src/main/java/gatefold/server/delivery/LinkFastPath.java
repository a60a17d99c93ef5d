package gatefold.server.delivery;

import gatefold.server.http.SecurityHeaders;
import java.net.URI;
import java.util.Optional;
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
 * framework's routing and request objects cost more than the click itself. Only a plain
 * GET or HEAD of {@code /d/{token}} (no range, no validators) that {@link Deliveries}
 * resolves to a redirect is answered here, with the same status, headers and counting as
 * the full route; everything else (every error, every range) goes on to
 * {@link DownloadRoutes}, which checks it all again.
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
        String token = plainClick(request);
        if (token == null) {
            return super.handle(request, response, callback);
        }
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        Optional<URI> url;
        try {
            url = deliveries.quickRedirect(token, head, request.getHeaders().get(HttpHeader.USER_AGENT),
                    Request.getRemoteAddr(request));
        } catch (RuntimeException e) {
            // Failures come before any count (see Deliveries.quickRedirect); the route meets the
            // same trouble and answers it properly.
            url = Optional.empty();
        }
        if (url.isEmpty()) {
            return super.handle(request, response, callback);
        }
        response.setStatus(302);
        HttpFields.Mutable headers = response.getHeaders();
        SecurityHeaders.add(headers);
        headers.put(HttpHeader.LOCATION, url.get().toString());
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        headers.put(HttpHeader.CONTENT_LENGTH, 0L);
        response.write(true, null, callback);
        return true;
    }

    /** The token of a GET or HEAD of /d/{token} with nothing that asks for more than a redirect; else null. */
    static String plainClick(Request request) {
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
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
        if (headers.contains(HttpHeader.RANGE) || headers.contains(HttpHeader.IF_NONE_MATCH) || headers.contains(HttpHeader.IF_RANGE)) {
            return null;
        }
        return path.substring(PREFIX.length());
    }
}
