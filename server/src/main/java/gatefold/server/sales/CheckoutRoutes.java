package gatefold.server.sales;

import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.delivery.DownloadLinks;
import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import gatefold.server.library.FormatPreferences;
import gatefold.server.storefront.ChosenFormat;
import gatefold.server.storefront.FormatRows;
import gatefold.server.storefront.StorePages;
import gatefold.web.views.store.CheckoutPage;
import gatefold.web.views.store.ReceiptPage;
import gatefold.web.views.store.TestPaymentPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a fan's browser (or an embed) talks to: the checkout form, starting a checkout,
 * the test-mode pay page, and the receipt with the downloads: the album in each format (the
 * fan's chosen one first, remembered when they press it) and every file in each format.
 */
public final class CheckoutRoutes implements RouteGroup {

    private final Checkout checkout;
    private final Catalog catalog;
    private final DownloadLinks links;
    private final FormatPreferences preferences;
    private final URI publicUrl;

    public CheckoutRoutes(Checkout checkout, Catalog catalog, DownloadLinks links, FormatPreferences preferences, URI publicUrl) {
        this.checkout = checkout;
        this.catalog = catalog;
        this.links = links;
        this.preferences = preferences;
        this.publicUrl = publicUrl;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/checkout/{releaseId}", this::form);
        routes.post("/checkout/{releaseId}", this::start);
        routes.get("/checkout/test/{token}", this::testPage);
        routes.post("/checkout/test/{token}", this::testPay);
        routes.get("/receipts/{token}", this::receipt);
        routes.get("/receipts/{token}/album", this::album);
    }

    private void form(Context ctx) {
        Release release = checkout.buyable(ctx.pathParam("releaseId"));
        String notice = ctx.queryParam("cancelled") != null ? "The payment was cancelled; nothing was charged. You can try again." : null;
        ctx.header("Cache-Control", "no-store");
        StorePages.render(ctx, "store/checkout.jte", new CheckoutPage(StorePages.layout(release.title()), release.title(),
                "/releases/" + release.id(), StorePages.buyForm(release, checkout.providersFor(release)), notice));
    }

    private void start(Context ctx) {
        String releaseId = ctx.pathParam("releaseId");
        boolean json = isJson(ctx);
        Checkout.Request request;
        if (json) {
            JsonBody body = JsonBody.of(ctx, Set.of("email", "amount", "currency", "provider", "discountCode"));
            request = new Checkout.Request(body.requiredString("email", 320), amount(body), body.string("currency", 3),
                    body.string("provider", 20), body.string("discountCode", 40));
        } else {
            request = new Checkout.Request(Optional.ofNullable(ctx.formParam("email")).orElse(""),
                    blankToEmpty(ctx.formParam("amount")), blankToEmpty(ctx.formParam("currency")),
                    blankToEmpty(ctx.formParam("provider")), blankToEmpty(ctx.formParam("discountCode")));
        }
        Checkout.Started started = checkout.start(releaseId, request, ClientAddress.of(ctx));
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", started.purchase().id());
            out.put("status", started.purchase().status());
            out.put("amount", started.purchase().amount().toWire());
            out.put("redirectUrl", started.next().toString());
            out.put("receiptUrl", started.receipt().toString());
            ctx.status(201).json(out);
        } else {
            ctx.redirect(started.next().toString(), HttpStatus.SEE_OTHER);
        }
    }

    private static Optional<String> amount(JsonBody body) {
        return body.raw("amount").map(node -> {
            if (node.isTextual()) {
                return node.textValue();
            }
            if (node.isObject() && node.path("amount").isTextual()) {
                return node.get("amount").textValue();
            }
            throw Refusal.invalid("'amount' must be a decimal string such as \"7.00\".");
        });
    }

    private void testPage(Context ctx) {
        requireTestMode();
        String token = ctx.pathParam("token");
        Purchase purchase = checkout.receipt(token).filter(p -> "test".equals(p.provider()))
                .orElseThrow(() -> Refusal.notFound("No such test checkout."));
        String title = catalog.release(purchase.releaseId()).map(Release::title).orElse("");
        ctx.header("Cache-Control", "no-store");
        StorePages.render(ctx, "store/testpay.jte", new TestPaymentPage(StorePages.layout("Test payment"), title,
                purchase.amount().toString()));
    }

    private void testPay(Context ctx) {
        requireTestMode();
        String token = ctx.pathParam("token");
        checkout.payInTestMode(token);
        ctx.redirect(publicUrl + "/receipts/" + token, HttpStatus.SEE_OTHER);
    }

    private void requireTestMode() {
        if (!checkout.offersTestPayments()) {
            throw Refusal.notFound("Test payments are off on this store.");
        }
    }

    private void receipt(Context ctx) {
        String token = ctx.pathParam("token");
        Purchase purchase = checkout.receipt(token).orElseThrow(() -> Refusal.notFound("No such receipt."));
        Release release = catalog.release(purchase.releaseId()).orElseThrow();
        List<DownloadLinks.Download> downloads = links.forEntitlement(purchase.entitlementId()).orElse(List.of());
        ctx.header("Cache-Control", "no-store");
        if (!wantsHtml(ctx)) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", purchase.id());
            out.put("releaseId", purchase.releaseId());
            out.put("releaseTitle", release.title());
            out.put("email", purchase.email());
            out.put("amount", purchase.amount().toWire());
            out.put("listAmount", purchase.listAmount().toWire());
            out.put("discountCode", purchase.discountCode());
            out.put("status", purchase.status());
            out.put("downloads", downloads);
            out.put("albums", links.albumsFor(purchase.entitlementId()));
            out.put("receiptUrl", publicUrl + "/receipts/" + token);
            out.put("libraryUrl", publicUrl + "/library");
            ctx.json(out);
            return;
        }
        String discount = purchase.discountCode() == null ? null
                : purchase.listAmount() + " with code " + purchase.discountCode();
        List<DownloadLinks.Album> albums = links.albumsFor(purchase.entitlementId());
        ChosenFormat chosen = preferences.of(purchase.email(), release.id());
        Map<String, ReleaseFile> files = new HashMap<>();
        catalog.files(release).forEach(f -> files.put(f.id(), f));
        StorePages.render(ctx, "store/receipt.jte", new ReceiptPage(StorePages.layout("Receipt"), release.title(),
                "/releases/" + release.id(), purchase.amount().toString(), discount, purchase.status(),
                FormatRows.albums("/receipts/" + token + "/album", albums, chosen),
                FormatRows.rows(downloads, chosen, files::get)));
    }

    /** The album in the format the fan pressed: remembered as their choice, then downloaded. */
    private void album(Context ctx) {
        Purchase purchase = checkout.receipt(ctx.pathParam("token")).orElseThrow(() -> Refusal.notFound("No such receipt."));
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("");
        DownloadLinks.Album album = preferences.choose(purchase.email(), purchase.releaseId(),
                links.albumsFor(purchase.entitlementId()), format)
                .orElseThrow(() -> Refusal.notFound("This purchase has no album download in that format."));
        ctx.header("Cache-Control", "no-store");
        ctx.redirect(album.url(), HttpStatus.SEE_OTHER);
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    private static boolean wantsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static Optional<String> blankToEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
