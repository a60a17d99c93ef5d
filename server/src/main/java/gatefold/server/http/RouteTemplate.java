package gatefold.server.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;

/**
 * The route a request matched, as its template ({@code /d/{token}}), for logs and metrics:
 * paths of links, receipts and sign-ins carry secrets, templates never do.
 */
public final class RouteTemplate {

    private RouteTemplate() {
    }

    public static String of(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
            return endpoint != null ? endpoint.path : "(no route)";
        } catch (RuntimeException e) {
            return "(no route)";
        }
    }
}
