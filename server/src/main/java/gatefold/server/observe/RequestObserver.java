package gatefold.server.observe;

import gatefold.server.http.RouteTemplate;
import io.javalin.http.RequestLogger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Wraps every request, the link fast path's included: gives it an id ({@link RequestId}),
 * returned in {@code X-Request-Id} and put in the logging context while it runs, and when
 * the answer has gone out records it in {@link HttpMetrics} by route template, counts
 * download and upload bytes, and writes an access log line if asked (GATEFOLD_ACCESS_LOG).
 * The route template comes from Javalin's request logger ({@link #routeRecorder()}); a
 * request Javalin never saw under {@code /d/} was answered by the fast path.
 */
public final class RequestObserver extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(RequestObserver.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("gatefold.access");
    static final String ROUTE = RequestObserver.class.getName() + ".route";
    static final String LINK_ROUTE = "/d/{token}";
    private static final String NO_ROUTE = "(no route)";
    private final HttpMetrics http;
    private final DownloadCounters downloads;
    private final UploadCounters uploads;
    private final boolean accessLog;

    RequestObserver(HttpMetrics http, DownloadCounters downloads, UploadCounters uploads, boolean accessLog) {
        this.http = http;
        this.downloads = downloads;
        this.uploads = uploads;
        this.accessLog = accessLog;
    }

    /**
     * Install with {@code config.requestLogger.http(...)}: notes each request's route template
     * as an attribute, which the servlet request shares with Jetty's (clicks the fast path
     * answers never get one, and cost no attribute map).
     */
    public RequestLogger routeRecorder() {
        return (ctx, millis) -> ctx.req().setAttribute(ROUTE, RouteTemplate.of(ctx));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        String id = RequestId.acceptOrMake(request.getHeaders().get(RequestId.HEADER));
        response.getHeaders().put(RequestId.HEADER, id);
        MDC.put(LogSetup.REQUEST_ID, id);
        try {
            // Recorded before the answer completes: afterwards Jetty may reuse the request for the next one.
            Callback done = new Callback.Nested(callback) {
                @Override
                public void succeeded() {
                    answered(request, response, id, start);
                    super.succeeded();
                }

                @Override
                public void failed(Throwable failure) {
                    answered(request, response, id, start);
                    super.failed(failure);
                }
            };
            boolean handled = super.handle(request, response, done);
            if (!handled) {
                http.record(NO_ROUTE, request.getMethod(), 404, System.nanoTime() - start);
            }
            return handled;
        } finally {
            MDC.remove(LogSetup.REQUEST_ID);
        }
    }

    private void answered(Request request, Response response, String id, long start) {
        try {
            record(request, response, id, start);
        } catch (RuntimeException e) {
            LOG.warn("request not recorded: {}", e.toString());
        }
    }

    private void record(Request request, Response response, String id, long start) {
        long nanos = System.nanoTime() - start;
        String method = request.getMethod();
        int status = response.getStatus();
        String route = request.getAttribute(ROUTE) instanceof String template ? template
                : request.getHttpURI().getPath() != null && request.getHttpURI().getPath().startsWith("/d/") ? LINK_ROUTE : NO_ROUTE;
        http.record(route, method, status, nanos);
        long sent = Response.getContentBytesWritten(response);
        if (route.equals(LINK_ROUTE) && (status == 200 || status == 206)) {
            downloads.sent(sent);
        }
        uploads.answered(method, route, status, Request.getContentBytesRead(request));
        if (accessLog) {
            logAccess(method, route, status, nanos, sent, id);
        }
    }

    /** The answer may complete on another thread than the one that handled it, so the line sets its own id. */
    private static void logAccess(String method, String route, int status, long nanos, long sent, String id) {
        String previous = MDC.get(LogSetup.REQUEST_ID);
        MDC.put(LogSetup.REQUEST_ID, id);
        try {
            double millis = Math.round(nanos / 10_000.0) / 100.0;
            ACCESS.atInfo().setMessage("{} {} {} {} ms {} bytes").addArgument(method).addArgument(route).addArgument(status)
                    .addArgument(millis).addArgument(sent)
                    .addKeyValue("method", method).addKeyValue("route", route).addKeyValue("status", status)
                    .addKeyValue("durationMs", millis).addKeyValue("bytes", sent).log();
        } finally {
            if (previous == null) {
                MDC.remove(LogSetup.REQUEST_ID);
            } else {
                MDC.put(LogSetup.REQUEST_ID, previous);
            }
        }
    }
}
