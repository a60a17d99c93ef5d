package gatefold.server;

import gatefold.server.accounts.AccountRoutes;
import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.AdminToken;
import gatefold.server.accounts.ArtistDao;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.accounts.LoginLimiter;
import gatefold.server.accounts.PasswordHasher;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.CatalogJobs;
import gatefold.server.catalog.CatalogLimits;
import gatefold.server.catalog.CatalogRoutes;
import gatefold.server.catalog.FileVerifier;
import gatefold.server.catalog.UploadJanitor;
import gatefold.server.catalog.Uploads;
import gatefold.server.config.Config;
import gatefold.server.config.ConfigException;
import gatefold.server.config.StoreKind;
import gatefold.server.db.Database;
import gatefold.server.delivery.AddressHash;
import gatefold.server.delivery.Deliveries;
import gatefold.server.delivery.DownloadCounter;
import gatefold.server.delivery.DownloadLog;
import gatefold.server.delivery.DownloadRoutes;
import gatefold.server.delivery.Entitlements;
import gatefold.server.delivery.LinkKeys;
import gatefold.server.delivery.LinkSigner;
import gatefold.server.delivery.StoreLinkRoutes;
import gatefold.server.notify.SellerWebhooks;
import gatefold.server.notify.WebhookDispatcher;
import gatefold.server.notify.WebhookRoutes;
import gatefold.server.notify.WebhookTargets;
import gatefold.server.outbound.OutboundClient;
import gatefold.server.sales.Checkout;
import gatefold.server.sales.CheckoutRoutes;
import gatefold.server.sales.DiscountCodes;
import gatefold.server.sales.DiscountRoutes;
import gatefold.server.sales.Orders;
import gatefold.server.sales.PaymentProvider;
import gatefold.server.sales.PaymentRoutes;
import gatefold.server.sales.PaymentSettings;
import gatefold.server.sales.Sales;
import gatefold.server.sales.TestPayments;
import gatefold.server.sales.SalesRoutes;
import gatefold.server.http.App;
import gatefold.server.http.Health;
import gatefold.server.http.RouteGroup;
import gatefold.server.security.InstanceSettings;
import gatefold.server.security.MasterKey;
import gatefold.server.security.SecretBox;
import gatefold.server.security.Tokens;
import gatefold.storage.BlobStore;
import gatefold.storage.FileBlobStore;
import gatefold.storage.S3BlobStore;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Gatefold: the wiring of database, store, services and routes, in one
 * place and in order. {@code main} and the tests both start it through {@link #start}.
 */
public final class Gatefold implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gatefold.class);

    private final Config config;
    private final Database database;
    private final BlobStore store;
    private final Javalin app;
    private final URI publicUrl;
    private final Optional<String> adminTokenShownOnce;
    private final CatalogJobs jobs;
    private final List<AutoCloseable> background;
    private final List<String> routes;

    private Gatefold(Config config, Database database, BlobStore store, Javalin app, URI publicUrl,
                     Optional<String> adminTokenShownOnce, CatalogJobs jobs, List<AutoCloseable> background,
                     List<String> routes) {
        this.routes = List.copyOf(routes);
        this.jobs = jobs;
        this.background = List.copyOf(background);
        this.config = config;
        this.database = database;
        this.store = store;
        this.app = app;
        this.publicUrl = publicUrl;
        this.adminTokenShownOnce = adminTokenShownOnce;
    }

    /** Starts everything or, on bad configuration, releases what it opened and throws ConfigException. */
    public static Gatefold start(Config config, PrintStream console) {
        MasterKey masterKey = MasterKey.load(config.secretKey(), config.dataDir());
        SecretBox secrets = new SecretBox(masterKey);
        Database database = Database.open(config);
        BlobStore store = null;
        CatalogJobs jobs = null;
        List<AutoCloseable> background = new ArrayList<>();
        try {
            InstanceSettings settings = new InstanceSettings(database.jdbi());
            AdminToken.Setup admin = AdminToken.setUp(config.adminToken(), settings);
            int port = config.port() == 0 ? freePort(config.host()) : config.port();
            URI publicUrl = config.publicUrl(port);
            store = openStore(config, publicUrl, settings, secrets);

            Accounts accounts = new Accounts(database.jdbi(), new PasswordHasher());
            CurrentArtist current = new CurrentArtist(accounts, admin.adminToken());
            LoginLimiter limiter = new LoginLimiter(database.jdbi().onDemand(ArtistDao.class));
            Entitlements entitlements = new Entitlements(database.jdbi());
            Catalog catalog = new Catalog(database.jdbi(), store, new CatalogLimits(config.maxFileBytes(), config.uploadExpiry()),
                    entitlements::releaseHasEntitlements);
            LinkSigner signer = new LinkSigner(new LinkKeys(database.jdbi(), secrets).ensure());
            DownloadCounter downloadCounter = new DownloadCounter(database.jdbi());
            DownloadLog downloadLog = new DownloadLog(database.jdbi(), downloadCounter);
            background.add(downloadLog);
            Deliveries deliveries = new Deliveries(database.jdbi(), database.dataSource(), signer, catalog, store, config.delivery(),
                    downloadCounter, downloadLog, new AddressHash(settings), publicUrl, config.linkLifetime(),
                    hotFileBytes(config));
            Orders orders = new Orders(database.jdbi(), entitlements);
            Sales sales = new Sales(database.jdbi(), catalog, entitlements, orders);
            PaymentSettings payments = new PaymentSettings(database.jdbi(), secrets);
            DiscountCodes discounts = new DiscountCodes(database.jdbi());
            List<PaymentProvider> providers = new ArrayList<>();
            providers.add(new gatefold.server.sales.stripe.StripePayments(
                    gatefold.server.sales.stripe.StripeOptions.from(config.settings())));
            OutboundClient outbound = OutboundClient.create(config.outboundAllowPrivate());
            providers.add(new gatefold.server.sales.btcpay.BtcPayPayments(outbound));
            if (config.testPayments()) {
                providers.add(new TestPayments());
            }
            Checkout checkout = new Checkout(database.jdbi(), catalog, orders, payments, providers, discounts, publicUrl);
            Uploads uploads = new Uploads(catalog);
            jobs = new CatalogJobs(new FileVerifier(catalog), new UploadJanitor(catalog), Duration.ofSeconds(2), Duration.ofMinutes(10));
            WebhookTargets webhookTargets = new WebhookTargets(outbound);
            SellerWebhooks sellerWebhooks = new SellerWebhooks(database.jdbi(), secrets, webhookTargets);
            orders.listen(sellerWebhooks);
            background.add(new WebhookDispatcher(database.jdbi(), sellerWebhooks, webhookTargets).start(Duration.ofSeconds(1)));
            background.add(outbound);

            List<RouteGroup> routes = new ArrayList<>();
            // Javalin tries routes in the order they were added, so fans' download links come first.
            routes.add(new DownloadRoutes(deliveries, catalog, current));
            routes.add(new Health(database, store));
            routes.add(new AccountRoutes(accounts, current, limiter, config.openSignup(), publicUrl));
            routes.add(new CatalogRoutes(catalog, uploads, current, publicUrl));
            routes.add(new SalesRoutes(sales, catalog, deliveries, entitlements, current, publicUrl));
            routes.add(new PaymentRoutes(payments, current));
            routes.add(new DiscountRoutes(discounts, catalog, current));
            routes.add(new CheckoutRoutes(checkout, catalog, deliveries, entitlements, publicUrl));
            routes.add(new WebhookRoutes(sellerWebhooks, current));
            gatefold.server.codes.DownloadCodes downloadCodes = new gatefold.server.codes.DownloadCodes(database.jdbi(), catalog,
                    sales, orders, entitlements, deliveries);
            gatefold.server.dashboard.ArtistSessions artistSessions = new gatefold.server.dashboard.ArtistSessions(database.jdbi(),
                    accounts, publicUrl);
            current.acceptSessions(artistSessions);
            routes.add(new gatefold.server.dashboard.DashboardRoutes(new gatefold.server.dashboard.DashboardRoutes.Services(
                    artistSessions, accounts, limiter, catalog, store, deliveries, sales, downloadCodes, discounts, payments, sellerWebhooks, publicUrl)));
            gatefold.server.storefront.Covers covers = new gatefold.server.storefront.Covers(catalog, store);
            routes.add(new gatefold.server.storefront.StorefrontRoutes(new gatefold.server.storefront.Storefront(
                    database.jdbi(), catalog, accounts, checkout, covers, store), covers));
            gatefold.server.embed.EmbedReleases embedReleases = new gatefold.server.embed.EmbedReleases(accounts, catalog, publicUrl);
            gatefold.web.Pages embedPages = new gatefold.web.Pages();
            routes.add(new gatefold.server.embed.EmbedRoutes(embedReleases, store, embedPages));
            routes.add(new gatefold.server.embed.EmbedCheckoutRoutes(embedReleases, checkout, entitlements, deliveries, embedPages));
            routes.add(new gatefold.server.embed.OEmbedRoutes(embedReleases));
            gatefold.server.mail.Outbox outbox = new gatefold.server.mail.Outbox(database.jdbi());
            gatefold.server.mail.Mailer mailer = gatefold.server.mail.Mailer.from(config.settings(), outbox);
            orders.listen(new gatefold.server.mail.ReceiptMails(mailer, catalog, accounts, entitlements, deliveries, publicUrl));
            gatefold.server.library.Library library = new gatefold.server.library.Library(database.jdbi(), sales, catalog, accounts,
                    entitlements, deliveries, mailer, publicUrl);
            background.add(library);
            background.add(mailer);
            routes.add(new gatefold.server.mail.OutboxRoutes(outbox, current));
            routes.add(new gatefold.server.library.LibraryRoutes(library));
            routes.add(new gatefold.server.codes.CodeRoutes(downloadCodes, catalog, current));
            routes.add(new gatefold.server.codes.RedeemRoutes(downloadCodes, publicUrl));
            routes.add(new gatefold.server.sales.webhooks.PaymentWebhookRoutes(accounts, payments,
                    new gatefold.server.sales.webhooks.ProviderEvents(database.jdbi()), List.of(
                            new gatefold.server.sales.stripe.StripeWebhook(database.jdbi(), checkout, orders),
                            new gatefold.server.sales.btcpay.BtcPayWebhook(database.jdbi(), checkout, orders))));
            if (store instanceof FileBlobStore fileStore) {
                routes.add(new StoreLinkRoutes(fileStore));
            }
            List<String> registered = new ArrayList<>();
            Javalin app = App.create(new App.Settings(config.host(), port, config.shutdownGrace()), routes, registered);
            startListening(app, config, port);

            admin.shownOnce().ifPresent(token -> {
                console.println("Admin token (shown once; keep it safe, only its hash is stored): " + token);
                console.flush();
            });
            LOG.info("store: {}; database: {}", store.describe(), config.isEmbeddedDatabase() ? "embedded H2" : "PostgreSQL");
            LOG.info("listening on http://{}:{}", config.host(), app.port());
            return new Gatefold(config, database, store, app, publicUrl, admin.shownOnce(), jobs, background, registered);
        } catch (RuntimeException e) {
            background.forEach(Gatefold::closeQuietly);
            if (jobs != null) {
                jobs.close();
            }
            if (store != null) {
                store.close();
            }
            database.close();
            throw e;
        }
    }

    /** Memory for small files fans are downloading from S3 right now: an eighth of the heap, at most 64 MiB, unless set. */
    private static long hotFileBytes(Config config) {
        long mib = 1024L * 1024;
        int fallback = (int) Math.min(64, Runtime.getRuntime().maxMemory() / 8 / mib);
        return config.settings().integer("GATEFOLD_HOT_FILES_MB", fallback, 0, 1 << 20) * mib;
    }

    private static BlobStore openStore(Config config, URI publicUrl, InstanceSettings settings, SecretBox secrets) {
        if (config.store() == StoreKind.S3) {
            try {
                return S3BlobStore.open(config.s3(), config.s3CreateBucket());
            } catch (gatefold.storage.StoreException e) {
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
            probe.bind(new java.net.InetSocketAddress(InetAddress.getByName(config.host()), port));
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

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("could not stop {}: {}", closeable.getClass().getSimpleName(), e.getMessage());
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

    public URI publicUrl() {
        return publicUrl;
    }

    public Config config() {
        return config;
    }

    public BlobStore store() {
        return store;
    }

    public Database database() {
        return database;
    }

    /** Every route the server answers, as "METHOD /path/{param}". */
    public List<String> routes() {
        return routes;
    }

    public CatalogJobs jobs() {
        return jobs;
    }

    public Optional<String> adminTokenShownOnce() {
        return adminTokenShownOnce;
    }

    /** Stops taking requests, lets in-flight ones finish (bounded), then closes the store and database. */
    @Override
    public void close() {
        LOG.info("stopping: finishing in-flight requests (up to {} s)", config.shutdownGrace().toSeconds());
        app.stop();
        background.forEach(Gatefold::closeQuietly);
        jobs.close();
        store.close();
        database.close();
        LOG.info("stopped");
    }

}
