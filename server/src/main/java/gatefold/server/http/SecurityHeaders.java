package gatefold.server.http;

import io.javalin.http.Context;

/** Headers every answer carries; pages that may be framed (embeds) relax them themselves. */
final class SecurityHeaders {

    private SecurityHeaders() {
    }

    static void add(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
        ctx.header("X-Frame-Options", "SAMEORIGIN");
    }
}
