package gatefold.server.http;

import io.javalin.config.RoutesConfig;

/** A feature's HTTP routes; {@link App} adds each group in the order it is given. */
@FunctionalInterface
public interface RouteGroup {
    void addTo(RoutesConfig routes);
}
