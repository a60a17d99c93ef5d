package gatefold.server.embed;

import gatefold.server.sales.PurchaseStatus;
import gatefold.server.catalog.Release;
import gatefold.server.delivery.DownloadLinks;
import gatefold.server.common.Money;
import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import gatefold.server.http.ErrorPages;
import gatefold.server.http.RouteGroup;
import gatefold.server.sales.Checkout;
import gatefold.server.sales.Purchase;
import gatefold.server.library.FormatPreferences;
import gatefold.server.storefront.ChosenFormat;
import gatefold.server.storefront.FormatRows;
import gatefold.server.sales.TaxQuestions;
import gatefold.web.Pages;
import gatefold.web.views.embed.EmbedCheckout;
import gatefold.web.views.embed.EmbedContinue;
import gatefold.web.views.embed.EmbedDownload;
import gatefold.web.views.embed.EmbedFrame;
import gatefold.web.views.embed.EmbedReceipt;
import gatefold.web.views.embed.EmbedTestPayment;
import gatefold.web.views.embed.ProviderOption;
import gatefold.web.views.store.FileRow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checkout inside the overlay that embed.js opens on another site: the form, the test-mode
 * payment, and the receipt whose frame script tells the host page the purchase is complete.
 * Every page here lives under /embed/ because only those may be framed by other sites; the
 * host page's origin travels along as {@code ?origin=} so the frames message only that page.
 */
public final class EmbedCheckoutRoutes implements RouteGroup {

    private final EmbedReleases releases;
    private final Checkout checkout;
    private final DownloadLinks links;
    private final FormatPreferences preferences;
    private final Pages pages;

    public EmbedCheckoutRoutes(EmbedReleases releases, Checkout checkout, DownloadLinks links, FormatPreferences preferences,
                               Pages pages) {
        this.releases = releases;
        this.checkout = checkout;
        this.links = links;
        this.preferences = preferences;
        this.pages = pages;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/embed/checkout/{artist}/{release}", ctx -> form(ctx,
                releases.bySlugs(ctx.pathParam("artist"), ctx.pathParam("release")), 200, null, asked(ctx),
                HostOrigin.parse(ctx.queryParam("origin"))));
        routes.get("/embed/checkout/{releaseId}", ctx -> form(ctx, releases.byId(ctx.pathParam("releaseId")), 200, null,
                asked(ctx), HostOrigin.parse(ctx.queryParam("origin"))));
        routes.post("/embed/checkout/{releaseId}", this::start);
        routes.get("/embed/pay/{token}", this::testPage);
        routes.post("/embed/pay/{token}", this::testPay);
        routes.get("/embed/receipt/{token}", this::receipt);
        routes.get("/embed/receipt/{token}/album", this::album);
    }

    /** What the fan typed before a refusal, shown again. */
    private record Typed(String email, String amount, Optional<String> country, boolean rent) {
        static final Typed NOTHING = new Typed(null, null, Optional.empty(), false);
        static final Typed RENT = new Typed(null, null, Optional.empty(), true);
    }

    private static Typed asked(Context ctx) {
        return "rent".equals(ctx.queryParam("option")) ? Typed.RENT : Typed.NOTHING;
    }

    private void form(Context ctx, Optional<EmbedReleases.Shown> found, int status, String error, Typed typed, String origin) {
        String email = typed.email();
        String amount = typed.amount();
        EmbedReleases.Shown shown = found.orElseThrow(() -> Refusal.notFound("This release is not for sale."));
        Release release = checkout.buyable(shown.release().id());
        gatefold.web.views.store.RentForm rent = typed.rent() ? releases.rent(shown)
                .orElseThrow(() -> Refusal.notFound("This film is not offered to rent.")) : null;
        boolean free = rent == null ? release.pricing().equals("free") : checkout.rentPrice(release).map(Money::isZero).orElse(false);
        List<String> names = free ? List.of() : checkout.providersFor(release);
        List<ProviderOption> providers = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            providers.add(new ProviderOption(names.get(i), providerLabel(names.get(i)), i == 0));
        }
        String minimum = release.minPrice().filter(m -> !m.isZero()).map(m -> ", at least " + m.amount()).orElse("");
        EmbedCheckout page = new EmbedCheckout(new EmbedFrame("Buy " + release.title(), origin), release.title(),
                shown.artist().name(), releases.coverPath(shown), EmbedReleases.priceLabel(release),
                "/embed/checkout/" + EmbedReleases.segment(release.id()),
                free, rent == null && release.pricing().equals("pwyw"),
                "Pay what you want (" + release.currency() + minimum + ")",
                amount != null ? amount : EmbedReleases.suggestedAmount(release),
                email == null ? "" : email, providers, error, releases.releaseUrl(shown),
                TaxQuestions.of(checkout.taxTerms(release), typed.country(), ctx.header("Accept-Language")), rent);
        ctx.status(status).header("Cache-Control", "no-store").html(pages.render("embed/checkout.jte", page));
    }

    private void start(Context ctx) {
        String releaseId = ctx.pathParam("releaseId");
        Optional<EmbedReleases.Shown> shown = releases.byId(releaseId);
        if (shown.isEmpty()) {
            throw Refusal.notFound("This release is not for sale.");
        }
        String origin = HostOrigin.parse(ctx.formParam("origin"));
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("").strip();
        Optional<String> amount = present(ctx.formParam("amount"));
        Optional<String> country = present(ctx.formParam("country"));
        boolean rent = "rent".equals(ctx.formParam("option"));
        Checkout.Started started;
        try {
            started = checkout.start(releaseId, new Checkout.Request(email, amount, Optional.empty(),
                    present(ctx.formParam("provider")), present(ctx.formParam("discountCode")), country, Optional.empty(), rent),
                    ClientAddress.of(ctx));
        } catch (Refusal e) {
            if (ErrorPages.status(e) >= 500 || ErrorPages.status(e) == 404) {
                throw e;
            }
            form(ctx, shown, ErrorPages.status(e), e.getMessage(), new Typed(email, amount.orElse(null), country, rent), origin);
            return;
        }
        String token = lastSegment(started.receipt().getPath());
        Purchase purchase = started.purchase();
        if (purchase.status() == PurchaseStatus.CONFIRMED) {
            ctx.redirect("/embed/receipt/" + token + HostOrigin.query(origin), HttpStatus.SEE_OTHER);
        } else if ("test".equals(purchase.provider())) {
            ctx.redirect("/embed/pay/" + token + HostOrigin.query(origin), HttpStatus.SEE_OTHER);
        } else {
            String title = shown.get().release().title();
            EmbedContinue page = new EmbedContinue(new EmbedFrame("Pay for " + title, origin), title,
                    providerLabel(purchase.provider()), started.next().toString(), "/embed/receipt/" + token + HostOrigin.query(origin));
            ctx.header("Cache-Control", "no-store").html(pages.render("embed/continue.jte", page));
        }
    }

    private Purchase testPurchase(String token) {
        if (!checkout.offersTestPayments()) {
            throw Refusal.notFound("Test payments are off on this store.");
        }
        return checkout.receipt(token).filter(p -> "test".equals(p.provider()))
                .orElseThrow(() -> Refusal.notFound("No such test checkout."));
    }

    private void testPage(Context ctx) {
        String token = ctx.pathParam("token");
        Purchase purchase = testPurchase(token);
        String origin = HostOrigin.parse(ctx.queryParam("origin"));
        if (purchase.status() != PurchaseStatus.PENDING) {
            ctx.redirect("/embed/receipt/" + token + HostOrigin.query(origin), HttpStatus.SEE_OTHER);
            return;
        }
        String title = releases.byId(purchase.releaseId()).map(s -> s.release().title()).orElse("");
        EmbedTestPayment page = new EmbedTestPayment(new EmbedFrame("Test payment", origin), title,
                purchase.amount().toString(), "/embed/pay/" + token);
        ctx.header("Cache-Control", "no-store").html(pages.render("embed/testpay.jte", page));
    }

    private void testPay(Context ctx) {
        String token = ctx.pathParam("token");
        testPurchase(token);
        checkout.payInTestMode(token);
        ctx.redirect("/embed/receipt/" + token + HostOrigin.query(HostOrigin.parse(ctx.formParam("origin"))), HttpStatus.SEE_OTHER);
    }

    private void receipt(Context ctx) {
        String token = ctx.pathParam("token");
        Purchase purchase = checkout.receipt(token).orElseThrow(() -> Refusal.notFound("No such receipt."));
        EmbedReleases.Shown shown = releases.byId(purchase.releaseId()).orElseThrow(() -> Refusal.notFound("No such receipt."));
        String origin = HostOrigin.parse(ctx.queryParam("origin"));
        ChosenFormat chosen = preferences.of(purchase.email(), purchase.releaseId());
        List<EmbedDownload> downloads = links.forEntitlement(purchase.entitlementId()).orElse(List.of()).stream()
                .map(d -> download(d, chosen)).toList();
        EmbedReceipt page = new EmbedReceipt(new EmbedFrame("Your purchase", origin), shown.release().id(),
                shown.release().title(), releases.releaseUrl(shown), purchase.id(), purchase.status().id(),
                purchase.amount().amount(), purchase.amount().currency().getCurrencyCode(), purchase.amount().toString(),
                FormatRows.albums("/embed/receipt/" + token + "/album", links.albumsFor(purchase.entitlementId()), chosen),
                downloads, "/embed/receipt/" + token + HostOrigin.query(origin), releases.publicUrl() + "/library");
        ctx.header("Cache-Control", "no-store").html(pages.render("embed/receipt.jte", page));
    }

    private static EmbedDownload download(DownloadLinks.Download d, ChosenFormat chosen) {
        FileRow row = FormatRows.row(d, chosen, null);
        Long size = d.formats().size() <= 1 ? Long.valueOf(d.size()) : FormatRows.sizeIn(d, chosen.primary(d), null);
        return new EmbedDownload(row.name(), row.href(), size == null ? null : EmbedReleases.sizeLabel(size), row.format(), row.others());
    }

    /**
     * The album in the format the fan pressed, opened in a new tab (the form's target) so a
     * page saying it is being prepared is never framed: remembered as their choice, then downloaded.
     */
    private void album(Context ctx) {
        Purchase purchase = checkout.receipt(ctx.pathParam("token")).orElseThrow(() -> Refusal.notFound("No such receipt."));
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("");
        DownloadLinks.Album album = preferences.choose(purchase.email(), purchase.releaseId(),
                links.albumsFor(purchase.entitlementId()), format)
                .orElseThrow(() -> Refusal.notFound("This purchase has no album download in that format."));
        ctx.header("Cache-Control", "no-store").redirect(album.url(), HttpStatus.SEE_OTHER);
    }

    private static String providerLabel(String provider) {
        return switch (provider) {
            case "test" -> "Test payment (no money moves)";
            case "stripe" -> "Card (Stripe)";
            case "btcpay" -> "Bitcoin (BTCPay Server)";
            default -> provider;
        };
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
