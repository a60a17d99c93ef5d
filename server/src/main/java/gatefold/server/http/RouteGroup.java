package gatefold.server.http;

import io.javalin.config.RoutesConfig;
import java.util.List;
import org.eclipse.jetty.server.Handler;

/** A feature's HTTP routes; {@link App} adds each group in the order it is given. */
@FunctionalInterface
public interface RouteGroup {
    void addTo(RoutesConfig routes);

    /**
     * Jetty handlers that see every request before the router, for the few paths so hot
     * that the web framework's own cost matters. Each answers only what it is sure of and
     * hands everything else on to the routes.
     */
    default List<Handler.Wrapper> ahead() {
        return List.of();
    }
}
