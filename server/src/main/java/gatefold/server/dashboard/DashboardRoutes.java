package gatefold.server.dashboard;

import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.LoginLimiter;
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

    /** What the dashboard works with; every piece is the same service the JSON API uses. */
    public record Services(ArtistSessions sessions, Accounts accounts, LoginLimiter limiter, SignInLinks links, Catalog catalog,
                           BlobStore store,
                           DownloadStats downloads, Sales sales, DownloadCodes codes, DiscountCodes discounts,
                           PaymentSettings payments, SellerWebhooks webhooks, MediaServices media, BookServices books,
                           SellerProfiles sellers, TaxRates rates, URI publicUrl) {
    }

    private final SignInPages signIn;
    private final LinkSignInPages linkSignIn;
    private final AccountPages account;
    private final ReleasePages releases;
    private final SalesPages sales;
    private final ShopSettingsPages store;
    private final SellerPages seller;

    public DashboardRoutes(Services s) {
        String storeName = "Gatefold";
        Dashboard dashboard = new Dashboard(s.sessions(), new Pages(), s.publicUrl(), storeName);
        this.signIn = new SignInPages(dashboard, s.sessions(), s.accounts(), s.limiter(), storeName);
        this.linkSignIn = new LinkSignInPages(dashboard, signIn, s.sessions(), s.links(), s.limiter(), storeName);
        this.account = new AccountPages(dashboard, s.sessions(), s.accounts(), s.limiter());
        this.releases = new ReleasePages(dashboard, s.catalog(), s.downloads(), s.store(), new FormatPanels(s.media()),
                new StampPanels(s.books()));
        this.sales = new SalesPages(dashboard, s.catalog(), s.sales());
        this.store = new ShopSettingsPages(dashboard, s.catalog(), s.codes(), s.discounts(), s.payments(), s.webhooks());
        this.seller = new SellerPages(dashboard, s.sellers(), s.rates());
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
    }
}
