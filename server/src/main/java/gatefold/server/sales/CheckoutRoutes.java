package gatefold.server.sales;

import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.common.Money;
import gatefold.server.delivery.Deliveries;
import gatefold.server.delivery.Entitlements;
import gatefold.server.http.ApiError;
import gatefold.server.http.Html;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a fan's browser (or an embed) talks to: the checkout form, starting a checkout,
 * the test-mode pay page, and the receipt with the downloads.
 */
public final class CheckoutRoutes implements RouteGroup {

    private final Checkout checkout;
    private final Catalog catalog;
    private final Deliveries deliveries;
    private final Entitlements entitlements;
    private final URI publicUrl;

    public CheckoutRoutes(Checkout checkout, Catalog catalog, Deliveries deliveries, Entitlements entitlements, URI publicUrl) {
        this.checkout = checkout;
        this.catalog = catalog;
        this.deliveries = deliveries;
        this.entitlements = entitlements;
        this.publicUrl = publicUrl;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/checkout/{releaseId}", this::form);
        routes.post("/checkout/{releaseId}", this::start);
        routes.get("/checkout/test/{token}", this::testPage);
        routes.post("/checkout/test/{token}", this::testPay);
        routes.get("/receipts/{token}", this::receipt);
    }

    private void form(Context ctx) {
        Release release = checkout.buyable(ctx.pathParam("releaseId"));
        StringBuilder body = new StringBuilder("<h1>" + Html.escape(release.title()) + "</h1>");
        body.append("<form method=\"post\" action=\"/checkout/").append(Html.escape(release.id())).append("\">");
        body.append("<label for=\"email\">Your email (your downloads go there)</label>")
                .append("<input id=\"email\" name=\"email\" type=\"email\" required autocomplete=\"email\">");
        if (release.pricing().equals("pwyw")) {
            Money min = release.minPrice().orElse(Money.zero(java.util.Currency.getInstance(release.currency())));
            body.append("<label for=\"amount\">Pay what you want (").append(Html.escape(release.currency()))
                    .append(", at least ").append(Html.escape(min.amount())).append(")</label>")
                    .append("<input id=\"amount\" name=\"amount\" inputmode=\"decimal\" value=\"")
                    .append(Html.escape(release.price().orElse(min).amount())).append("\">");
        } else if (release.pricing().equals("fixed")) {
            body.append("<p>Price: ").append(Html.escape(release.price().map(Money::toString).orElse(""))).append("</p>");
        }
        if (!release.pricing().equals("free")) {
            body.append("<label for=\"discountCode\">Discount code (optional)</label>")
                    .append("<input id=\"discountCode\" name=\"discountCode\" autocomplete=\"off\">");
            List<String> providers = checkout.providersFor(release);
            for (int i = 0; i < providers.size(); i++) {
                String p = Html.escape(providers.get(i));
                body.append("<label><input type=\"radio\" name=\"provider\" value=\"").append(p).append("\"")
                        .append(i == 0 ? " checked" : "").append(" style=\"width:auto\"> ")
                        .append(p.equals("test") ? "Pay (test mode)" : p).append("</label>");
            }
        }
        body.append("<button type=\"submit\">").append(release.pricing().equals("free") ? "Get it" : "Buy").append("</button></form>");
        ctx.header("Cache-Control", "no-store").html(Html.page(release.title(), body.toString()));
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
        Checkout.Started started = checkout.start(releaseId, request);
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
            throw ApiError.invalid("'amount' must be a decimal string such as \"7.00\".");
        });
    }

    private void testPage(Context ctx) {
        requireTestMode();
        String token = ctx.pathParam("token");
        Purchase purchase = checkout.receipt(token).filter(p -> "test".equals(p.provider()))
                .orElseThrow(() -> ApiError.notFound("No such test checkout."));
        String title = catalog.release(purchase.releaseId()).map(Release::title).orElse("");
        String body = "<p class=\"test\">TEST MODE — no money moves. This page exists only because the operator turned on"
                + " test payments.</p><h1>" + Html.escape(title) + "</h1><p>Amount: " + Html.escape(purchase.amount().toString())
                + "</p><form method=\"post\"><button type=\"submit\">Pay (test mode)</button></form>";
        ctx.header("Cache-Control", "no-store").html(Html.page("Test payment", body));
    }

    private void testPay(Context ctx) {
        requireTestMode();
        String token = ctx.pathParam("token");
        checkout.payInTestMode(token);
        ctx.redirect(publicUrl + "/receipts/" + token, HttpStatus.SEE_OTHER);
    }

    private void requireTestMode() {
        if (!checkout.offersTestPayments()) {
            throw ApiError.notFound("Test payments are off on this store.");
        }
    }

    private void receipt(Context ctx) {
        String token = ctx.pathParam("token");
        Purchase purchase = checkout.receipt(token).orElseThrow(() -> ApiError.notFound("No such receipt."));
        Release release = catalog.release(purchase.releaseId()).orElseThrow();
        List<Deliveries.Download> downloads = purchase.status().equals("confirmed") && purchase.entitlementId() != null
                ? entitlements.byId(purchase.entitlementId()).map(deliveries::linksFor).orElse(List.of()) : List.of();
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
            out.put("receiptUrl", publicUrl + "/receipts/" + token);
            out.put("libraryUrl", publicUrl + "/library");
            ctx.json(out);
            return;
        }
        StringBuilder body = new StringBuilder("<h1>" + Html.escape(release.title()) + "</h1>");
        body.append("<p>Paid: ").append(Html.escape(purchase.amount().toString()));
        if (purchase.discountCode() != null) {
            body.append(" (").append(Html.escape(purchase.listAmount().toString())).append(" with code ")
                    .append(Html.escape(purchase.discountCode())).append(")");
        }
        body.append("</p>");
        switch (purchase.status()) {
            case "confirmed" -> {
                body.append("<table>");
                for (Deliveries.Download d : downloads) {
                    body.append("<tr><td><a href=\"").append(Html.escape(d.url())).append("\">").append(Html.escape(d.name()))
                            .append("</a></td><td>").append(d.size()).append(" bytes</td></tr>");
                }
                body.append("</table><p>These links are also in your email, and your <a href=\"/library\">library</a>"
                        + " always has fresh ones.</p>");
            }
            case "pending" -> body.append("<p>Waiting for the payment to be confirmed. This page updates when you reload it.</p>");
            default -> body.append("<p>This purchase is ").append(Html.escape(purchase.status())).append(".</p>");
        }
        ctx.html(Html.page("Receipt", body.toString()));
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
