package gatefold.server.http;

import io.javalin.http.Context;
import java.util.Map;
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

    private static final Map<String, String> FRAMED_HERE = Map.of("X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "strict-origin-when-cross-origin", "Content-Security-Policy", POLICY + "'self'",
            "X-Frame-Options", "SAMEORIGIN");
    private static final Map<String, String> FRAMED_ANYWHERE = Map.of("X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "strict-origin-when-cross-origin", "Content-Security-Policy", POLICY + "*");

    /** The same headers for an answer written on Jetty directly, outside /embed/. */
    public static void add(HttpFields.Mutable headers) {
        FRAMED_HERE.forEach(headers::put);
    }

    static void add(Context ctx) {
        (mayBeFramedAnywhere(ctx.path()) ? FRAMED_ANYWHERE : FRAMED_HERE).forEach(ctx::header);
    }
}
