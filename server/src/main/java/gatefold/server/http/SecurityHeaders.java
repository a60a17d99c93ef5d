package gatefold.server.http;

import io.javalin.http.Context;
import org.eclipse.jetty.http.HttpFields;

/**
 * Headers every answer carries. Pages under /embed/ are meant for other sites' iframes and may
 * be framed anywhere; every other page only by this store itself. No page may run inline
 * scripts: scripts come from this server's own files.
 */
public final class SecurityHeaders {

    // Media, covers and uploads may live on the S3 store (another origin) behind presigned URLs.
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data: blob: http: https:; media-src 'self' blob: http: https:;"
            + " connect-src 'self' http: https:; frame-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors ";

    private SecurityHeaders() {
    }

    static boolean mayBeFramedAnywhere(String path) {
        return path.startsWith("/embed/");
    }

    /** The same headers for an answer written on Jetty directly, outside /embed/. */
    public static void add(HttpFields.Mutable headers) {
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
        headers.put("Content-Security-Policy", POLICY + "'self'");
        headers.put("X-Frame-Options", "SAMEORIGIN");
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
