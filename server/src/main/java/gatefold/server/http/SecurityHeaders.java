package gatefold.server.http;

import io.javalin.http.Context;

/**
 * Headers every answer carries. Pages under /embed/ are meant for other sites' iframes and may
 * be framed anywhere; every other page only by this store itself. No page may run inline
 * scripts: scripts come from this server's own files.
 */
final class SecurityHeaders {

    // Media, covers and uploads may live on the S3 store (another origin) behind presigned URLs.
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data: blob: http: https:; media-src 'self' blob: http: https:;"
            + " connect-src 'self' http: https:; frame-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors ";

    private SecurityHeaders() {
    }

    static boolean mayBeFramedAnywhere(String path) {
        return path.startsWith("/embed/");
    }

    static void add(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
        if (mayBeFramedAnywhere(ctx.path())) {
            ctx.header("Content-Security-Policy", POLICY + "*");
        } else {
            ctx.header("Content-Security-Policy", POLICY + "'self'");
            ctx.header("X-Frame-Options", "SAMEORIGIN");
        }
    }
}
