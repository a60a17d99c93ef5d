package gatefold.server;

import gatefold.server.accounts.AdminToken;
import gatefold.server.accounts.AdminTokenNotice;
import gatefold.server.catalog.CatalogJobs;
import gatefold.server.config.Config;
import gatefold.server.config.ConfigException;
import gatefold.server.config.StoreKind;
import gatefold.server.db.Database;
import gatefold.server.http.App;
import gatefold.server.http.Health;
import gatefold.server.http.RouteGroup;
import gatefold.server.observe.Metrics;
import gatefold.server.observe.MetricsPort;
import gatefold.server.observe.MetricsRoutes;
import gatefold.server.security.InstanceSettings;
import gatefold.server.security.MasterKey;
import gatefold.server.security.SecretBox;
import gatefold.server.security.Tokens;
import gatefold.storage.BlobStore;
import gatefold.storage.FileBlobStore;
import gatefold.storage.S3BlobStore;
import gatefold.storage.StoreException;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Gatefold: opens the database and store, builds the {@link Services}, registers
 * their {@link Routing routes} and listens. {@code main} and the tests both start it here.
 */
public final class Gatefold implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gatefold.class);

    private final Services services;
    private final Javalin app;
    private final Optional<String> adminTokenShownOnce;
    private final List<AutoCloseable> background;
    private final List<String> routes;
    private final OptionalInt metricsPort;

    private Gatefold(Services services, Javalin app, Optional<String> adminTokenShownOnce, List<AutoCloseable> background,
                     List<String> routes, OptionalInt metricsPort) {
        this.services = services;
        this.app = app;
        this.adminTokenShownOnce = adminTokenShownOnce;
        this.background = List.copyOf(background);
        this.routes = List.copyOf(routes);
        this.metricsPort = metricsPort;
    }

    /** Starts everything or, on bad configuration, releases what it opened and throws ConfigException. */
    public static Gatefold start(Config config, PrintStream console) {
        return start(config, console, java.time.Clock.systemUTC());
    }

    /** Starts with {@code clock} as the time a fan's rules read (a rental's windows): tests move it. */
    public static Gatefold start(Config config, PrintStream console, java.time.Clock clock) {
        SecretBox secrets = new SecretBox(MasterKey.load(config.secretKey(), config.dataDir()));
        CompletableFuture<Metrics> startingMetrics = Metrics.startAside(config);
        Database database;
        try {
            database = Database.open(config);
        } catch (RuntimeException e) {
            startingMetrics.thenAccept(Metrics::close);
            throw e;
        }
        BlobStore store = null;
        List<AutoCloseable> background = new ArrayList<>();
        try {
            Metrics metrics = startingMetrics.join();
            background.add(metrics);
            database.reportTo(metrics.registry());
            InstanceSettings settings = new InstanceSettings(database.jdbi());
            AdminToken.Setup admin = AdminToken.setUp(config.adminToken(), settings);
            int port = config.port() == 0 ? freePort(config.host()) : config.port();
            URI publicUrl = config.publicUrl(port);
            store = metrics.timed(openStore(config, publicUrl, settings, secrets));
            Services services = Services.build(new Services.Core(config, database, store, secrets, settings, publicUrl, metrics, clock),
                    admin.adminToken(), background);
            List<RouteGroup> groups = new ArrayList<>(config.role().servesFans() ? Routing.routes(services)
                    : List.of(new Health(database, store)));
            OptionalInt metricsPort = OptionalInt.empty();
            if (config.metricsPort().isPresent()) {
                MetricsPort own = MetricsPort.open(config.metricsHost(), config.metricsPort().getAsInt(), metrics);
                background.add(own);
                metricsPort = OptionalInt.of(own.port());
            } else {
                groups.add(new MetricsRoutes(metrics, services.accounts().current()));
            }
            List<String> registered = new ArrayList<>();
            App.Settings http = new App.Settings(config.host(), port, config.shutdownGrace(), config.trustedProxies(),
                    config.dataDir().resolve("tmp").resolve("forms"));
            Javalin app = App.create(http, groups, registered, metrics.observer());
            startListening(app, config, port);
            admin.shownOnce().ifPresent(token -> AdminTokenNotice.show(token, console, config.dataDir()));
            LOG.info("store: {}; database: {}; role: {}", store.describe(), config.isEmbeddedDatabase() ? "embedded H2" : "PostgreSQL",
                    config.role().id());
            metricsPort.ifPresent(p -> LOG.info("metrics on http://{}:{}/metrics", config.metricsHost(), p));
            LOG.info("listening on http://{}:{}", config.host(), app.port());
            return new Gatefold(services, app, admin.shownOnce(), background, registered, metricsPort);
        } catch (RuntimeException e) {
            closeAll(background);
            if (store != null) {
                store.close();
            }
            database.close();
            throw e;
        }
    }

    /** The store the configuration names; the command line opens it the same way while the server is stopped. */
    public static BlobStore openStore(Config config, URI publicUrl, InstanceSettings settings, SecretBox secrets) {
        if (config.store() == StoreKind.S3) {
            try {
                return S3BlobStore.open(config.s3(), config.s3CreateBucket());
            } catch (StoreException e) {
                throw new ConfigException(e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                // The SDK refuses malformed settings (a bucket name S3 does not allow, say) before any request.
                String message = e.getMessage() == null ? "invalid S3 settings" : e.getMessage();
                throw new ConfigException(message.contains("GATEFOLD_") ? message
                        : "GATEFOLD_S3_BUCKET / GATEFOLD_S3_*: " + message + "; fix the S3 settings", e);
            }
        }
        // The local store signs its own URLs; every instance on this database uses the same key.
        String sealed = settings.getOrCreate("store_signing_key",
                () -> secrets.seal("store_signing_key", Tokens.randomBytes(32))).value();
        byte[] key = secrets.open("store_signing_key", sealed);
        return new FileBlobStore(config.dataDir().resolve("store"), publicUrl, key);
    }

    private static void startListening(Javalin app, Config config, int port) {
        // Probe first so a taken port gives one clear line rather than the framework's stack trace.
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(config.host()), port));
        } catch (IOException e) {
            throw portInUse(config, port);
        }
        try {
            app.start();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    app.stop();
                    throw portInUse(config, port);
                }
            }
            throw e;
        }
    }

    private static ConfigException portInUse(Config config, int port) {
        return new ConfigException("GATEFOLD_PORT=" + port + " is already in use on " + config.host()
                + "; stop the other program or choose another port (0 picks any free port)");
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ConfigException("GATEFOLD_HOST=" + host + " cannot be listened on (" + e.getMessage()
                    + "); use 0.0.0.0 or 127.0.0.1");
        }
    }

    public int port() {
        return app.port();
    }

    public Services services() {
        return services;
    }

    public URI publicUrl() {
        return services.core().publicUrl();
    }

    public Config config() {
        return services.core().config();
    }

    public BlobStore store() {
        return services.core().store();
    }

    public Database database() {
        return services.core().database();
    }

    /** Every route the server answers, as "METHOD /path/{param}". */
    public List<String> routes() {
        return routes;
    }

    /** The verifier and janitor, run on the job queue; only an instance whose role runs background work offers them. */
    public CatalogJobs jobs() {
        if (!config().role().runsJobs()) {
            throw new IllegalStateException("this instance's role (" + config().role().id() + ") runs no background work");
        }
        return services.catalog().jobs();
    }

    /** The port of GATEFOLD_METRICS_PORT once listening (the chosen one when it was 0). */
    public OptionalInt metricsPort() {
        return metricsPort;
    }

    public Optional<String> adminTokenShownOnce() {
        return adminTokenShownOnce;
    }

    /** Stops taking requests, lets in-flight ones finish (bounded), then stops background work and closes the store and database. */
    @Override
    public void close() {
        LOG.info("stopping: finishing in-flight requests (up to {} s)", config().shutdownGrace().toSeconds());
        app.stop();
        closeAll(background);
        store().close();
        database().close();
        LOG.info("stopped");
    }

    /** Closes in reverse order of starting, so nothing outlives what it uses. */
    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            AutoCloseable closeable = started.get(i);
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("could not stop {}: {}", closeable.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
