package gatefold.server;

import gatefold.server.accounts.AccountRoutes;
import gatefold.server.audience.BundleRoutes;
import gatefold.server.audience.FeedRoutes;
import gatefold.server.audience.FollowRoutes;
import gatefold.server.audience.FollowerRoutes;
import gatefold.server.backups.BackupRoutes;
import gatefold.server.backups.Backups;
import gatefold.server.books.StampRoutes;
import gatefold.server.catalog.CatalogRoutes;
import gatefold.server.dashboard.MovingPages;
import gatefold.server.codes.CodeRoutes;
import gatefold.server.codes.RedeemRoutes;
import gatefold.server.dashboard.DashboardRoutes;
import gatefold.server.dashboard.FanPages;
import gatefold.server.delivery.DownloadRoutes;
import gatefold.server.delivery.StoreLinkRoutes;
import gatefold.server.embed.EmbedCheckoutRoutes;
import gatefold.server.embed.EmbedRoutes;
import gatefold.server.embed.OEmbedRoutes;
import gatefold.server.http.Health;
import gatefold.server.http.RouteGroup;
import gatefold.server.invoices.InvoiceRoutes;
import gatefold.server.invoices.SellerRoutes;
import gatefold.server.library.LibraryRoutes;
import gatefold.server.listen.ListenRoutes;
import gatefold.server.watch.FilmRoutes;
import gatefold.server.watch.WatchRoutes;
import gatefold.server.config.DeliveryMode;
import gatefold.server.media.MediaRoutes;
import gatefold.server.mail.OutboxRoutes;
import gatefold.server.moving.MovedMail;
import gatefold.server.moving.MovingServices;
import gatefold.server.privacy.FanData;
import gatefold.server.privacy.FanDataRoutes;
import gatefold.server.privacy.FanErasure;
import gatefold.server.notify.WebhookRoutes;
import gatefold.server.sales.CheckoutRoutes;
import gatefold.server.sales.DiscountRoutes;
import gatefold.server.sales.PaymentRoutes;
import gatefold.server.sales.SalesRoutes;
import gatefold.server.sales.btcpay.BtcPayWebhook;
import gatefold.server.sales.stripe.StripeOptions;
import gatefold.server.sales.stripe.StripeWebhook;
import gatefold.server.sales.webhooks.PaymentWebhookRoutes;
import gatefold.server.sales.webhooks.ProviderEvents;
import gatefold.server.storefront.StorefrontRoutes;
import gatefold.web.Pages;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Every feature's routes, registered in one function that {@code main} and the tests share.
 * Javalin tries routes in the order they were added, so fans' download links come first.
 */
public final class Routing {

    private Routing() {
    }

    public static List<RouteGroup> routes(Services s) {
        Services.Core core = s.core();
        URI url = core.publicUrl();
        var accounts = s.accounts();
        var catalog = s.catalog().catalog();
        var delivery = s.delivery();
        var sales = s.sales();
        var fans = s.fans();
        List<RouteGroup> routes = new ArrayList<>();
        routes.add(new DownloadRoutes(delivery.deliveries(), delivery.stats(), catalog, accounts.current()));
        routes.add(new Health(core.database(), core.store()));
        routes.add(new AccountRoutes(accounts.accounts(), accounts.current(), accounts.limiter(), core.config().openSignup(),
                core.config().signupQuotaBytes(), url));
        routes.add(new MediaRoutes(catalog, s.media(), accounts.current()));
        routes.add(new ListenRoutes(s.media().previews(), fans.streams(), catalog, accounts.current(), core.store(),
                core.config().delivery() == DeliveryMode.REDIRECT));
        routes.add(new WatchRoutes(s.watch().links(), s.watch().streams(), s.watch().subtitles(), s.watch().trailers(), core.store(), core.config().delivery() == DeliveryMode.REDIRECT));
        routes.add(new FilmRoutes(s.watch(), catalog, sales.sales(), accounts.current()));
        routes.add(new StampRoutes(catalog, s.books(), accounts.current()));
        routes.add(new CatalogRoutes(catalog, s.catalog().uploads(), accounts.current(), url));
        var invoicing = sales.invoicing();
        routes.add(new SalesRoutes(sales.sales(), catalog, delivery.links(), accounts.current(), url, invoicing.invoices()));
        routes.add(new SellerRoutes(invoicing.profiles(), invoicing.rates(), invoicing.report(), accounts.current()));
        routes.add(new InvoiceRoutes(invoicing.invoices()));
        routes.add(new PaymentRoutes(sales.payments(), accounts.current()));
        routes.add(new DiscountRoutes(sales.discounts(), catalog, accounts.current()));
        routes.add(new CheckoutRoutes(sales.checkout(), catalog, delivery.links(), fans.preferences(), url, invoicing.invoices()));
        routes.add(new WebhookRoutes(sales.webhooks(), accounts.current()));
        routes.add(new DashboardRoutes(new DashboardRoutes.Services(
                new DashboardRoutes.SignIn(accounts.sessions(), accounts.accounts(), accounts.limiter(), accounts.links()),
                new DashboardRoutes.Shop(catalog, core.store(), delivery.stats(), s.media(), s.books()),
                new DashboardRoutes.Money(sales.sales(), sales.codes(), sales.discounts(), sales.payments(), sales.webhooks()),
                new DashboardRoutes.Seller(invoicing.profiles(), invoicing.rates()), s.audience(), url)));
        routes.add(new StorefrontRoutes(fans.storefront(), fans.covers()));
        var audience = s.audience();
        routes.add(new FollowRoutes(audience.follows(), catalog));
        routes.add(new FeedRoutes(audience.feeds()));
        routes.add(new BundleRoutes(audience.bundles(), accounts.current(), url));
        routes.add(new FollowerRoutes(audience.follows(), audience.announcements(), accounts.current()));
        Pages pages = new Pages();
        routes.add(new EmbedRoutes(fans.embeds(), core.store(), pages));
        routes.add(new EmbedCheckoutRoutes(fans.embeds(), sales.checkout(), delivery.links(), fans.preferences(), pages));
        routes.add(new OEmbedRoutes(fans.embeds()));
        routes.add(new OutboxRoutes(fans.outbox(), accounts.current()));
        routes.add(new BackupRoutes(new Backups(core.jdbi(), core.config().isEmbeddedDatabase(), core.config().dataDir()),
                accounts.current()));
        routes.add(new LibraryRoutes(fans.library(), core.clock()));
        routes.addAll(movingAndFanData(s));
        routes.add(new CodeRoutes(sales.codes(), catalog, accounts.current()));
        routes.add(new RedeemRoutes(sales.codes(), url));
        routes.add(new PaymentWebhookRoutes(accounts.accounts(), sales.payments(), new ProviderEvents(core.jdbi()), List.of(
                new StripeWebhook(core.jdbi(), sales.checkout(), sales.orders(), StripeOptions.from(core.config().settings())),
                new BtcPayWebhook(core.jdbi(), sales.checkout(), sales.orders()))));
        core.store().selfServedUrls().ifPresent(urls -> routes.add(new StoreLinkRoutes(core.store(), urls)));
        return routes;
    }

    /** A store moving in or out, and a fan's own data (export, erasure, the "we moved" mail). */
    private static List<RouteGroup> movingAndFanData(Services s) {
        Services.Core core = s.core();
        var current = s.accounts().current();
        FanData fanData = new FanData(core.jdbi());
        return List.of(
                MovingServices.routes(core, s.jobs(), current),
                MovingServices.exportRoutes(core, s.jobs(), current),
                MovingServices.buyerRoutes(core, s.fans().mailer(), current),
                FanDataRoutes.over(core.jdbi(), current),
                MovingServices.movedMailRoutes(core, s.jobs(), current),
                new FanPages(s.accounts().sessions(), core.publicUrl(), fanData, new FanErasure(core.jdbi(), fanData),
                        new MovedMail(core.jdbi(), s.jobs())),
                new MovingPages(s.accounts().sessions(), core.publicUrl(), MovingServices.artistExports(core, s.jobs()),
                        MovingServices.buyerDrafts(core, s.fans().mailer()), s.catalog().catalog()));
    }
}
