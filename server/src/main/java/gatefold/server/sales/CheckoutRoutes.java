package gatefold.server.sales;

import gatefold.server.common.Fields;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.Refusal;
import gatefold.server.delivery.DownloadLinks;
import gatefold.server.http.ClientAddress;
import gatefold.server.http.ErrorPages;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import gatefold.server.library.FormatPreferences;
import gatefold.server.storefront.ChosenFormat;
import gatefold.server.storefront.FormatRows;
import gatefold.server.storefront.StorePages;
import gatefold.web.views.store.BuyForm;
import gatefold.web.views.store.CheckoutPage;
import gatefold.web.views.store.FormValues;
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
 * fan's chosen one first, remembered when they press it) and every file in each format (and,
 * for artists who issue them, the invoice and a form for a business buyer's details).
 */
public final class CheckoutRoutes implements RouteGroup {

    private final Checkout checkout;
    private final Catalog catalog;
    private final DownloadLinks links;
    private final FormatPreferences preferences;
    private final URI publicUrl;
    private final SaleDocuments documents;

    public CheckoutRoutes(Checkout checkout, Catalog catalog, DownloadLinks links, FormatPreferences preferences, URI publicUrl,
                          SaleDocuments documents) {
        this.checkout = checkout;
        this.catalog = catalog;
        this.links = links;
        this.preferences = preferences;
        this.publicUrl = publicUrl;
        this.documents = documents;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/checkout/{releaseId}", this::form);
        routes.post("/checkout/{releaseId}", this::start);
        routes.get("/checkout/test/{token}", this::testPage);
        routes.post("/checkout/test/{token}", this::testPay);
        routes.get("/receipts/{token}", this::receipt);
        routes.get("/receipts/{token}/album", this::album);
        routes.post("/receipts/{token}/buyer", this::saveBuyer);
    }

    private void form(Context ctx) {
        Release release = checkout.buyable(ctx.pathParam("releaseId"));
        String notice = ctx.queryParam("cancelled") != null ? "The payment was cancelled; nothing was charged. You can try again." : null;
        renderForm(ctx, release, notice, Optional.empty(), FormValues.EMPTY, null);
    }

    /** The checkout page; after a refused form it shows what the fan typed, and why it was refused. */
    private void renderForm(Context ctx, Release release, String notice, Optional<String> country, FormValues typed, String error) {
        ctx.header("Cache-Control", "no-store");
        BuyForm buy = StorePages.preorder(StorePages.buyForm(release, checkout.providersFor(release)), release,
                        catalog.files(release), java.time.LocalDate.now(java.time.ZoneOffset.UTC))
                .with(TaxQuestions.of(checkout.taxTerms(release), country, ctx.header("Accept-Language")), typed, error);
        StorePages.render(ctx, "store/checkout.jte", new CheckoutPage(StorePages.layout(release.title()), release.title(),
                "/releases/" + release.id(), buy, notice));
    }

    private void start(Context ctx) {
        String releaseId = ctx.pathParam("releaseId");
        if (isJson(ctx)) {
            startJson(ctx, releaseId);
            return;
        }
        Checkout.Request request = new Checkout.Request(Optional.ofNullable(ctx.formParam("email")).orElse(""),
                blankToEmpty(ctx.formParam("amount")), blankToEmpty(ctx.formParam("currency")),
                blankToEmpty(ctx.formParam("provider")), blankToEmpty(ctx.formParam("discountCode")),
                blankToEmpty(ctx.formParam("country")), buyer(ctx), "rent".equals(ctx.formParam("option")));
        Checkout.Started started;
        try {
            started = checkout.start(releaseId, request, ClientAddress.of(ctx));
        } catch (Refusal refused) {
            if (!Checkout.COUNTRY_REQUIRED.equals(refused.code())) {
                throw refused;
            }
            // A buy form without the country select (the release page) lands here: ask, keeping what was typed.
            ctx.status(ErrorPages.status(refused));
            renderForm(ctx, checkout.buyable(releaseId), null, Optional.empty(), typed(ctx), "Choose the country you live in.");
            return;
        }
        if (ticked(ctx.formParam("follow"))) {
            checkout.wishToFollow(started.purchase());
        }
        ctx.redirect(started.next().toString(), HttpStatus.SEE_OTHER);
    }

    private void startJson(Context ctx, String releaseId) {
        Fields body = JsonBody.of(ctx, Set.of("email", "amount", "currency", "provider", "discountCode", "country", "buyer",
                "rent", "follow"));
        Optional<Buyer> buyer = body.raw("buyer").map(CheckoutRoutes::buyer);
        Checkout.Request request = new Checkout.Request(body.requiredString("email", 320), amount(body), body.string("currency", 3),
                body.string("provider", 20), body.string("discountCode", 40), body.string("country", 2), buyer,
                body.raw("rent").map(n -> n.asBoolean()).orElse(false));
        Checkout.Started started = checkout.start(releaseId, request, ClientAddress.of(ctx));
        if (body.raw("follow").map(com.fasterxml.jackson.databind.JsonNode::asBoolean).orElse(false)) {
            checkout.wishToFollow(started.purchase());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", started.purchase().id());
        out.put("status", started.purchase().status());
        out.put("amount", started.purchase().amount().toWire());
        started.purchase().tax().ifPresent(t -> out.put("tax", TaxFields.view(t)));
        out.put("redirectUrl", started.next().toString());
        out.put("receiptUrl", started.receipt().toString());
        ctx.status(201).json(out);
    }

    private static Buyer buyer(com.fasterxml.jackson.databind.JsonNode node) {
        if (!node.isObject() || node.properties().stream().anyMatch(e -> !Set.of("name", "address", "taxId").contains(e.getKey())
                || !e.getValue().isTextual())) {
            throw Refusal.invalid("'buyer' must be {\"name\", \"address\", \"taxId\"} with text values.");
        }
        return new Buyer(node.path("name").asText(""), node.path("address").asText(""), node.path("taxId").asText(""));
    }

    private static Optional<Buyer> buyer(Context ctx) {
        Buyer buyer = new Buyer(ctx.formParam("buyerName"), ctx.formParam("buyerAddress"), ctx.formParam("buyerTaxId"));
        return buyer.isEmpty() ? Optional.empty() : Optional.of(buyer);
    }

    private static FormValues typed(Context ctx) {
        return new FormValues(ctx.formParam("email"), ctx.formParam("amount"), ctx.formParam("discountCode"),
                ctx.formParam("buyerName"), ctx.formParam("buyerAddress"), ctx.formParam("buyerTaxId"));
    }

    private static Optional<String> amount(Fields body) {
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
            links.addStanding(out, purchase.entitlementId());
            out.put("downloads", downloads);
            out.put("albums", links.albumsFor(purchase.entitlementId()));
            out.put("streams", links.streamsFor(purchase.entitlementId()));
            out.put("receiptUrl", publicUrl + "/receipts/" + token);
            out.put("libraryUrl", publicUrl + "/library");
            TaxFields.addTo(out, purchase, documents);
            ctx.json(out);
            return;
        }
        String discount = purchase.discountCode() == null ? null
                : purchase.listAmount() + " with code " + purchase.discountCode();
        List<DownloadLinks.Album> albums = links.albumsFor(purchase.entitlementId());
        ChosenFormat chosen = preferences.of(purchase.email(), release.id());
        Map<String, ReleaseFile> files = new HashMap<>();
        catalog.files(release).forEach(f -> files.put(f.id(), f));
        ReceiptPage page = new ReceiptPage(StorePages.layout("Receipt"), release.title(), "/releases/" + release.id(),
                purchase.amount().toString(), discount, purchase.status().id(),
                FormatRows.albums("/receipts/" + token + "/album", albums, chosen), FormatRows.rows(downloads, chosen, files::get));
        StorePages.render(ctx, "store/receipt.jte", ReceiptPapers.addTo(page, purchase, documents, "/receipts/" + token + "/buyer",
                ctx.queryParam("saved") != null).withPreorder(StorePages.preorderNote(links.opensOn(purchase.entitlementId()),
                !downloads.isEmpty())));
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

    private void saveBuyer(Context ctx) {
        String token = ctx.pathParam("token");
        Buyer buyer = new Buyer(ctx.formParam("buyerName"), ctx.formParam("buyerAddress"), ctx.formParam("buyerTaxId"));
        checkout.giveBuyer(token, buyer).orElseThrow(() -> Refusal.notFound("No such receipt."));
        ctx.redirect(publicUrl + "/receipts/" + token + "?saved=1", HttpStatus.SEE_OTHER);
    }

    /** A checkbox sends "on" when ticked and nothing when not. */
    private static boolean ticked(String value) {
        return value != null && Set.of("on", "true", "yes", "1").contains(value.strip().toLowerCase(java.util.Locale.ROOT));
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
