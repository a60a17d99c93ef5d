package gatefold.server.http;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * Builds the configured Javalin for tests and for {@code main}: JSON errors everywhere,
 * security headers, graceful stop, and each feature's routes.
 */
public final class App {

    private static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    static {
        // Jetty sizes its padding against false sharing by asking JMX whether references are
        // compressed; starting JMX costs a noticeable part of a cold start. 16 references span
        // at least one 64-byte cache line either way.
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, "16");
        }
    }

    private App() {
    }

    /**
     * Where to listen, how long a stop may take, whose forwarding headers to believe, and
     * where form uploads too big for memory wait while their request runs.
     */
    public record Settings(String host, int port, Duration shutdownGrace, TrustedProxies trustedProxies, Path formSpool) {
        public Settings(String host, int port, Duration shutdownGrace) {
            this(host, port, shutdownGrace, TrustedProxies.NONE);
        }

        public Settings(String host, int port, Duration shutdownGrace, TrustedProxies trustedProxies) {
            this(host, port, shutdownGrace, trustedProxies, temporaryFolder());
        }

        private static Path temporaryFolder() {
            try {
                return Files.createTempDirectory("gatefold-forms");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static Javalin create(Settings settings, List<RouteGroup> groups) {
        return create(settings, groups, new java.util.ArrayList<>());
    }

    /** As above, and lists every route added as "METHOD /path/{param}" in {@code registered}. */
    public static Javalin create(Settings settings, List<RouteGroup> groups, List<String> registered) {
        return Javalin.create(config -> {
            config.events.handlerAdded(info -> registered.add(info.getHttpMethod() + " " + info.getPath()));
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.concurrency.useVirtualThreads = true;
            config.jsonMapper(new JavalinJackson(Json.mapper(), true));
            // Media must never be compressed, and JSON answers are small.
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.http.prefer405over404 = true;
            config.http.generateEtags = false;
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JettyJsonErrors());
                server.setStopTimeout(settings.shutdownGrace().toMillis());
                groups.forEach(group -> group.ahead().forEach(server::insertHandler));
                // Outside every fast path, so they and the routes read one client address.
                server.insertHandler(new ClientAddresses(settings.trustedProxies()));
                // Inserted last, so outermost: stop lets in-flight requests (fast paths' too) finish
                // (up to the grace period) and refuses new ones.
                server.insertHandler(new GracefulHandler());
            });
            config.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            config.routes.before(SecurityHeaders::add);
            new FormLimits(settings.formSpool()).install(config);
            ErrorPages.install(config);
            new StaticFiles().addTo(config.routes);
            groups.forEach(group -> group.addTo(config.routes));
        });
    }
}
