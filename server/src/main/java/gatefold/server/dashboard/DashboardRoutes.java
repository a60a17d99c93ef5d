package gatefold.server.dashboard;

import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.LoginLimiter;
import gatefold.server.audience.AudienceServices;
import gatefold.server.books.BookServices;
import gatefold.server.catalog.Catalog;
import gatefold.server.codes.DownloadCodes;
import gatefold.server.delivery.DownloadStats;
import gatefold.server.http.RouteGroup;
import gatefold.server.media.MediaServices;
import gatefold.server.invoices.SellerProfiles;
import gatefold.server.invoices.TaxRates;
import gatefold.server.notify.SellerWebhooks;
import gatefold.server.sales.DiscountCodes;
import gatefold.server.sales.PaymentSettings;
import gatefold.server.sales.Sales;
import gatefold.storage.BlobStore;
import gatefold.web.Pages;
import io.javalin.config.RoutesConfig;
import java.net.URI;

/** The artist's dashboard under /dashboard: server-rendered pages and forms, signed in by session cookie. */
public final class DashboardRoutes implements RouteGroup {

    /** What the dashboard works with, grouped by the pages that use it. */
    public record Services(SignIn signIn, Shop shop, Money money, Seller seller, AudienceServices audience, URI publicUrl) {
    }

    /** Signing in and the artist's account. */
    public record SignIn(ArtistSessions sessions, Accounts accounts, LoginLimiter limiter, SignInLinks links) {
    }

    /** Releases, their files, formats and stamps, and how often they are downloaded. */
    public record Shop(Catalog catalog, BlobStore store, DownloadStats downloads, MediaServices media, BookServices books) {
    }

    /** Sales, codes, discounts, payment accounts and the seller's webhooks. */
    public record Money(Sales sales, DownloadCodes codes, DiscountCodes discounts, PaymentSettings payments,
                        SellerWebhooks webhooks) {
    }

    /** The seller profile and tax rates behind invoices. */
    public record Seller(SellerProfiles profiles, TaxRates rates) {
    }

    private final SignInPages signIn;
    private final LinkSignInPages linkSignIn;
    private final AccountPages account;
    private final ReleasePages releases;
    private final SalesPages sales;
    private final ShopSettingsPages store;
    private final SellerPages seller;
    private final PreviewPages previews;
    private final AudiencePages audience;
    private final BundlePages bundles;

    public DashboardRoutes(Services s) {
        String storeName = "Gatefold";
        SignIn in = s.signIn();
        Shop shop = s.shop();
        Money money = s.money();
        Dashboard dashboard = new Dashboard(in.sessions(), new Pages(), s.publicUrl(), storeName);
        this.signIn = new SignInPages(dashboard, in.sessions(), in.accounts(), in.limiter(), storeName);
        this.linkSignIn = new LinkSignInPages(dashboard, signIn, in.sessions(), in.links(), in.limiter(), storeName);
        this.account = new AccountPages(dashboard, in.sessions(), in.accounts(), in.limiter());
        this.releases = new ReleasePages(dashboard, shop.catalog(), shop.downloads(), shop.store(), new FormatPanels(shop.media()),
                new StampPanels(shop.books()));
        this.sales = new SalesPages(dashboard, shop.catalog(), money.sales());
        this.store = new ShopSettingsPages(dashboard, shop.catalog(), money.codes(), money.discounts(), money.payments(),
                money.webhooks());
        this.seller = new SellerPages(dashboard, s.seller().profiles(), s.seller().rates());
        this.previews = new PreviewPages(dashboard, shop.catalog(), shop.media().previews());
        this.audience = new AudiencePages(dashboard, s.audience().follows(), s.audience().announcements());
        this.bundles = new BundlePages(dashboard, shop.catalog(), s.audience().bundles());
    }

    @Override
    public void addTo(RoutesConfig routes) {
        signIn.addTo(routes);
        linkSignIn.addTo(routes);
        account.addTo(routes);
        releases.addTo(routes);
        sales.addTo(routes);
        store.addTo(routes);
        seller.addTo(routes);
        previews.addTo(routes);
        audience.addTo(routes);
        bundles.addTo(routes);
    }
}
