package gatefold.server;

import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.AdminToken;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.accounts.LoginLimiter;
import gatefold.server.accounts.PasswordHasher;
import gatefold.server.audience.AudienceServices;
import gatefold.server.books.BookServices;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.CatalogJobs;
import gatefold.server.catalog.CatalogLimits;
import gatefold.server.catalog.FileVerifier;
import gatefold.server.catalog.UploadJanitor;
import gatefold.server.catalog.Uploads;
import gatefold.server.codes.DownloadCodes;
import gatefold.server.config.Config;
import gatefold.server.dashboard.ArtistSessions;
import gatefold.server.dashboard.SignInLinks;
import gatefold.server.db.Database;
import gatefold.server.delivery.AddressHash;
import gatefold.server.delivery.Deliveries;
import gatefold.server.delivery.DeliverySettings;
import gatefold.server.delivery.DownloadLinks;
import gatefold.server.delivery.DownloadLog;
import gatefold.server.delivery.DownloadStats;
import gatefold.server.delivery.Entitlements;
import gatefold.server.delivery.LinkKeys;
import gatefold.server.delivery.LinkSigner;
import gatefold.server.delivery.ReleaseFormats;
import gatefold.server.embed.EmbedReleases;
import gatefold.server.invoices.InvoiceServices;
import gatefold.server.library.FormatPreferences;
import gatefold.server.library.Library;
import gatefold.server.library.PurchaseContents;
import gatefold.server.watch.FilmFormats;
import gatefold.server.watch.WatchServices;
import gatefold.server.listen.StreamLinks;
import gatefold.server.media.MediaServices;
import gatefold.server.mail.FreeSaleNotices;
import gatefold.server.jobs.JobSettings;
import gatefold.server.jobs.Jobs;
import gatefold.server.jobs.Lane;
import gatefold.server.jobs.StoppedProcesses;
import gatefold.server.mail.Mailer;
import gatefold.server.mail.Outbox;
import gatefold.server.mail.ReceiptMails;
import gatefold.server.moving.MovingServices;
import gatefold.server.notify.SellerWebhooks;
import gatefold.server.notify.WebhookDispatcher;
import gatefold.server.notify.WebhookTargets;
import gatefold.server.observe.Metrics;
import gatefold.server.outbound.OutboundClient;
import gatefold.server.sales.AbandonedCheckouts;
import gatefold.server.sales.Checkout;
import gatefold.server.sales.DiscountCodes;
import gatefold.server.sales.Orders;
import gatefold.server.sales.PaymentProvider;
import gatefold.server.sales.PaymentSettings;
import gatefold.server.sales.Sales;
import gatefold.server.sales.TestPayments;
import gatefold.server.sales.btcpay.BtcPayPayments;
import gatefold.server.sales.stripe.StripeConnect;
import gatefold.server.sales.stripe.StripeOptions;
import gatefold.server.sales.stripe.StripePayments;
import gatefold.server.security.InstanceSettings;
import gatefold.server.security.SecretBox;
import gatefold.server.storefront.Covers;
import gatefold.server.storefront.Storefront;
import gatefold.storage.BlobStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Every service of one running Gatefold, built in order and grouped by feature. Building
 * services is kept apart from registering routes ({@link Routing}), so the same services
 * serve HTTP, the command line and tests. {@code background} collects what must be closed
 * on stop, in the order it was started.
 */
public record Services(Core core, AccountServices accounts, CatalogServices catalog, Jobs jobs, MediaServices media,
                       BookServices books, DeliveryServices delivery, SalesServices sales, FanServices fans, WatchServices watch,
                       AudienceServices audience) {

    /**
     * What everything else is built on: configuration, database, store, secrets, the public address, metrics, and the
     * clock of the rules a fan sees in time (a rental's windows; background jobs keep real time).
     */
    public record Core(Config config, Database database, BlobStore store, SecretBox secrets, InstanceSettings settings,
                       URI publicUrl, Metrics metrics, Clock clock) {
        public Jdbi jdbi() {
            return database.jdbi();
        }
    }

    public record AccountServices(Accounts accounts, CurrentArtist current, LoginLimiter limiter, ArtistSessions sessions,
                                  SignInLinks links) {
        static AccountServices build(Core core, AdminToken adminToken, Mailer mailer, Jobs jobs) {
            int hashes = core.config().settings().integer("GATEFOLD_PASSWORD_HASH_PERMITS", PasswordHasher.defaultPermits(), 1, 1024);
            Accounts accounts = new Accounts(core.jdbi(), new PasswordHasher(hashes));
            CurrentArtist current = new CurrentArtist(accounts, adminToken);
            ArtistSessions sessions = new ArtistSessions(core.jdbi(), accounts, core.publicUrl());
            current.acceptSessions(sessions);
            SignInLinks links = new SignInLinks(core.jdbi(), accounts, mailer, core.publicUrl(), jobs);
            return new AccountServices(accounts, current, LoginLimiter.open(core.jdbi(), core.settings(), core.secrets()), sessions,
                    links);
        }
    }

    /** {@code jobs}: the verifier and janitor, on the job queue; scheduled only where the role runs background work. */
    public record CatalogServices(Catalog catalog, Uploads uploads, CatalogJobs jobs, Covers covers) {
        static CatalogServices build(Core core, Entitlements entitlements, Jobs queue) {
            Config config = core.config();
            Catalog catalog = new Catalog(core.jdbi(), core.store(), new CatalogLimits(config.maxFileBytes(), config.uploadExpiry()),
                    entitlements::releaseHasEntitlements);
            CatalogJobs jobs = new CatalogJobs(new FileVerifier(catalog), new UploadJanitor(catalog)).register(queue);
            if (config.role().runsJobs()) {
                jobs.schedule(queue, Duration.ofSeconds(2), Duration.ofMinutes(10));
            }
            return new CatalogServices(catalog, new Uploads(catalog), jobs, new Covers(catalog, core.store()));
        }
    }

    public record DeliveryServices(Entitlements entitlements, LinkSigner signer, Deliveries deliveries, DownloadLinks links,
                                   DownloadStats stats) {
        static DeliveryServices build(Core core, Catalog catalog, Entitlements entitlements, ReleaseFormats formats,
                                      Jobs jobs, List<AutoCloseable> background) {
            Config config = core.config();
            LinkSigner signer = new LinkSigner(new LinkKeys(core.jdbi(), core.secrets()).ensure());
            DownloadLog log = new DownloadLog(core.jdbi(), new AddressHash(core.settings()), config.logRetention());
            background.add(log);
            log.register(jobs);
            if (config.role().runsJobs()) {
                jobs.every(DownloadLog.PURGE, DownloadLog.PURGE_EVERY);
            }
            DeliverySettings settings = new DeliverySettings(config.delivery(), core.publicUrl(), config.linkLifetime(),
                    config.resumeWindow(), hotFileBytes(config));
            Deliveries deliveries = new Deliveries(core.database(), signer, core.store(), log, settings,
                    new Deliveries.Sources(formats, core.metrics().downloads()));
            DownloadLinks links = new DownloadLinks(signer, catalog, entitlements, formats,
                    new DownloadLinks.Lifetime(core.publicUrl(), config.linkLifetime()));
            return new DeliveryServices(entitlements, signer, deliveries, links, new DownloadStats(core.jdbi(), catalog, log));
        }

        /** Memory for small files fans are downloading from S3 right now: an eighth of the heap, at most 64 MiB, unless set. */
        private static long hotFileBytes(Config config) {
            long mib = 1024L * 1024;
            int fallback = (int) Math.min(64, Runtime.getRuntime().maxMemory() / 8 / mib);
            return config.settings().integer("GATEFOLD_HOT_FILES_MB", fallback, 0, 1 << 20) * mib;
        }
    }

    public record SalesServices(Orders orders, Sales sales, PaymentSettings payments, DiscountCodes discounts, Checkout checkout,
                                SellerWebhooks webhooks, DownloadCodes codes, AbandonedCheckouts abandoned,
                                InvoiceServices invoicing) {
        static SalesServices build(Core core, Catalog catalog, DeliveryServices delivery, Jobs jobs,
                                   List<AutoCloseable> background) {
            Jdbi jdbi = core.jdbi();
            InvoiceServices invoicing = InvoiceServices.build(core.jdbi(), core.secrets(), core.publicUrl());
            Orders orders = new Orders(jdbi, delivery.entitlements(), invoicing.invoices());
            Sales sales = new Sales(jdbi, catalog, delivery.entitlements(), orders, invoicing.profiles());
            PaymentSettings payments = new PaymentSettings(jdbi, core.secrets(),
                    new StripeConnect(StripeOptions.from(core.config().settings())));
            DiscountCodes discounts = new DiscountCodes(jdbi);
            // One guarded client for every call made on an artist's behalf; closed after what uses it.
            OutboundClient outbound = OutboundClient.create(core.config().outboundAllowPrivate());
            background.add(outbound);
            Checkout checkout = new Checkout(jdbi, catalog, orders,
                    new Checkout.Payments(payments, providers(core.config(), outbound, orders), discounts),
                    new Checkout.Paperwork(invoicing.profiles(), invoicing.invoices()), core.publicUrl());
            AbandonedCheckouts abandoned = new AbandonedCheckouts(jdbi, checkout, orders).register(jobs);
            WebhookTargets targets = new WebhookTargets(outbound);
            SellerWebhooks webhooks = new SellerWebhooks(jdbi, core.secrets(), targets);
            orders.listen(webhooks);
            new WebhookDispatcher(jdbi, webhooks, targets).register(jobs);
            if (core.config().role().runsJobs()) {
                jobs.every(AbandonedCheckouts.SWEEP, Duration.ofMinutes(10));
                jobs.every(WebhookDispatcher.SEND, Duration.ofSeconds(1));
            }
            DownloadCodes codes = new DownloadCodes(jdbi, catalog, sales, orders, delivery.links());
            return new SalesServices(orders, sales, payments, discounts, checkout, webhooks, codes, abandoned, invoicing);
        }

        private static List<PaymentProvider> providers(Config config, OutboundClient outbound, Orders orders) {
            List<PaymentProvider> providers = new ArrayList<>();
            providers.add(new StripePayments(StripeOptions.from(config.settings()), orders));
            providers.add(new BtcPayPayments(outbound));
            if (config.testPayments()) {
                providers.add(new TestPayments());
            }
            return providers;
        }
    }

    public record FanServices(Outbox outbox, Mailer mailer, FreeSaleNotices freeNotices, Library library, Storefront storefront,
                              Covers covers, EmbedReleases embeds, FormatPreferences preferences, StreamLinks streams) {
        static FanServices build(Core core, Outbox outbox, Mailer mailer, AccountServices accounts, CatalogServices catalogServices,
                                 DeliveryServices delivery, SalesServices sales, MediaServices media, WatchServices watch,
                                 Jobs jobs) {
            Catalog catalog = catalogServices.catalog();
            FreeSaleNotices freeNotices = new FreeSaleNotices(core.jdbi(), mailer, accounts.accounts()).register(jobs);
            if (core.config().role().runsJobs()) {
                jobs.every(FreeSaleNotices.DIGESTS, Duration.ofMinutes(1));
            }
            FormatPreferences preferences = new FormatPreferences(core.jdbi(), core.settings());
            PurchaseContents contents = new PurchaseContents(delivery.links(), preferences, sales.invoicing().invoices());
            sales.orders().listen(new ReceiptMails(mailer, catalog, accounts.accounts(), contents, core.publicUrl(), freeNotices));
            Library library = new Library(core.jdbi(), sales.sales(), catalog, accounts.accounts(), contents,
                    new Library.SignInMail(mailer, jobs, core.publicUrl()));
            library.withRentals(watch.rentals()::of);
            library.withCaptions(releaseId -> watch.subtitles().of(releaseId).stream().map(c -> new gatefold.web.views.store.Caption(
                    "subtitles/" + c.language() + ".vtt", c.language(), c.name())).toList());
            Covers covers = catalogServices.covers();
            Storefront storefront = new Storefront(core.jdbi(), catalog, accounts.accounts(), sales.checkout(), covers,
                    new Storefront.Sound(core.store(), media.shelf(), media.status()::checks)).withPreviews(media.previews()::playable)
                    .withTrailers(watch.trailers()::url)
                    .withRentals(watch.offers()::rentForm);
            StreamLinks streams = new StreamLinks(delivery.signer(), delivery.entitlements(), catalog, core.publicUrl(), Clock.systemUTC());
            delivery.links().streamFrom(streams::audio);
            return new FanServices(outbox, mailer, freeNotices, library, storefront, covers,
                    new EmbedReleases(accounts.accounts(), catalog, core.publicUrl(), media.shelf())
                            .withPreviews(media.previews()::playable).withRentals(watch.offers()::rentForm), preferences, streams);
        }
    }

    /** Builds every service in dependency order; what needs closing is added to {@code background}. */
    public static Services build(Core core, AdminToken adminToken, List<AutoCloseable> background) {
        Jobs jobs = new Jobs(core.jdbi(), Clock.systemUTC(), JobSettings.from(core.config().settings()));
        core.metrics().jobs().watch(jobs, Clock.systemUTC());
        Outbox outbox = new Outbox(core.jdbi());
        Mailer mailer = Mailer.from(core.config().settings(), outbox, core.jdbi(), jobs);
        AccountServices accounts = AccountServices.build(core, adminToken, mailer, jobs);
        Entitlements entitlements = new Entitlements(core.jdbi());
        CatalogServices catalog = CatalogServices.build(core, entitlements, jobs);
        MediaServices media = media(core, accounts, catalog, entitlements, jobs);
        BookServices books = BookServices.build(new BookServices.Needs(core.jdbi(), core.store(), catalog.catalog(),
                accounts.accounts(), jobs, media.shelf(), core.config().dataDir().resolve("work").resolve("books"),
                core.config().role().runsJobs()));
        DeliveryServices delivery = DeliveryServices.build(core, catalog.catalog(), entitlements,
                new FilmFormats(books.formats(), core.jdbi()), jobs, background);
        SalesServices sales = SalesServices.build(core, catalog.catalog(), delivery, jobs, background);
        // Before the fans' services, so a rental has its clock before its receipt lists the links.
        WatchServices watch = WatchServices.build(new WatchServices.Needs(core.jdbi(), core.store(), catalog.catalog(), jobs,
                delivery.signer(), entitlements, delivery.links(), sales.orders(), core.publicUrl(),
                core.config().dataDir().resolve("work").resolve("films")), media.tools(), entitlements::releaseHasEntitlements,
                core.clock());
        sales.checkout().rentAt(watch.offers()::rentPrice);
        FanServices fans = FanServices.build(core, outbox, mailer, accounts, catalog, delivery, sales, media, watch, jobs);
        int mailsPerMinute = core.config().settings().integer("GATEFOLD_SMTP_PER_MINUTE", 60, 1, 100_000);
        AudienceServices audience = AudienceServices.build(new AudienceServices.Needs(core.jdbi(), accounts.accounts(),
                catalog.catalog(), catalog.covers(), entitlements, sales.checkout(), sales.orders(), sales.sales(), jobs, mailer,
                core.publicUrl(), mailsPerMinute), Clock.systemUTC());
        MovingServices.registerMovedMail(core, jobs, accounts.accounts(), mailer, mailsPerMinute, delivery.links());
        MovingServices.registerArtistExports(core, jobs, mailer, core.config().role().runsJobs());
        fans.storefront().withBundles(audience.bundles()::links);
        if (core.config().isEmbeddedDatabase() && core.config().role().runsJobs()) {
            // One machine's processes only: what a killed process held is queued again now, not after its lease.
            StoppedProcesses.takeBack(core.jdbi(), Clock.systemUTC());
        }
        // Only instances that run background work take jobs; every instance can queue them.
        jobs.start(core.config().role().runsJobs() ? EnumSet.allOf(Lane.class) : EnumSet.noneOf(Lane.class));
        // Added once started, so stopped before anything built above: running jobs finish or go back to the queue first.
        background.add(jobs);
        if (core.config().role().runsJobs()) {
            media.startWork(jobs.settings().instance(), jobs, core.config());
            watch.startWork(jobs);
            books.startWork();
            background.add(media.workers());
        }
        return new Services(core, accounts, catalog, jobs, media, books, delivery, sales, fans, watch, audience);
    }

    /** The media feature, and the catalog's hooks into it: every change plans the files fans will get. */
    private static MediaServices media(Core core, AccountServices accounts, CatalogServices catalog, Entitlements entitlements,
                                       Jobs jobs) {
        Catalog shelf = catalog.catalog();
        MediaServices media = MediaServices.build(core.config(), core.publicUrl(), new MediaServices.Needs(core.jdbi(), core.store(),
                shelf, accounts.accounts(), catalog.covers(), jobs), entitlements::releaseHasEntitlements, shelf::storageUsedBy,
                WatchServices.derivedBytes(core.jdbi()));
        shelf.watch(media.planner()::refresh);
        accounts.accounts().onRename(artistId -> accounts.accounts().byId(artistId).ifPresent(artist ->
                shelf.releases(artist).forEach(release -> media.planner().refresh(release.id()))));
        shelf.checkBeforePublishing(media.status()::publishProblem);
        return media;
    }
}
