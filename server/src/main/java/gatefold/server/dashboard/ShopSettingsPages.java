package gatefold.server.dashboard;

import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist.SignedIn;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.codes.DownloadCodes;
import gatefold.server.common.Money;
import gatefold.server.common.Refusal;
import gatefold.server.http.ErrorPages;
import gatefold.server.notify.SellerWebhooks;
import gatefold.server.sales.DiscountCode;
import gatefold.server.sales.DiscountCodes;
import gatefold.server.sales.PaymentAccounts;
import gatefold.server.sales.PaymentSettings;
import gatefold.web.views.dashboard.Choice;
import gatefold.web.views.dashboard.CodeRow;
import gatefold.web.views.dashboard.CodesPage;
import gatefold.web.views.dashboard.DiscountRow;
import gatefold.web.views.dashboard.DiscountsPage;
import gatefold.web.views.dashboard.EmbedPage;
import gatefold.web.views.dashboard.PaymentsPage;
import gatefold.web.views.dashboard.WebhookRow;
import gatefold.web.views.dashboard.WebhooksPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Download codes, discount codes, payment settings, seller webhooks and the embed snippet. */
final class ShopSettingsPages {

    private final Dashboard dashboard;
    private final Catalog catalog;
    private final DownloadCodes codes;
    private final DiscountCodes discounts;
    private final PaymentSettings payments;
    private final SellerWebhooks webhooks;

    ShopSettingsPages(Dashboard dashboard, Catalog catalog, DownloadCodes codes, DiscountCodes discounts, PaymentSettings payments,
               SellerWebhooks webhooks) {
        this.dashboard = dashboard;
        this.catalog = catalog;
        this.codes = codes;
        this.discounts = discounts;
        this.payments = payments;
        this.webhooks = webhooks;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/dashboard/releases/{id}/codes", dashboard.page((ctx, s) -> codes(ctx, s, null)));
        routes.post("/dashboard/releases/{id}/codes", dashboard.form(this::generateCodes));
        routes.get("/dashboard/releases/{id}/embed", dashboard.page(this::embed));
        routes.get("/dashboard/discounts", dashboard.page((ctx, s) -> discounts(ctx, s, null)));
        routes.post("/dashboard/discounts", dashboard.form(this::addDiscount));
        routes.post("/dashboard/discounts/{discountId}/delete", dashboard.form((ctx, s) -> {
            if (!discounts.delete(s.artist().id(), ctx.pathParam("discountId"))) {
                throw Refusal.notFound("No such discount code.");
            }
            Dashboard.seeOther(ctx, "/dashboard/discounts");
        }));
        routes.get("/dashboard/payments", dashboard.page((ctx, s) -> payments(ctx, s, null, null)));
        routes.post("/dashboard/payments", dashboard.form(this::savePayments));
        routes.get("/dashboard/webhooks", dashboard.page((ctx, s) -> webhooks(ctx, s, null, null)));
        routes.post("/dashboard/webhooks", dashboard.form(this::addWebhook));
        routes.post("/dashboard/webhooks/{webhookId}/delete", dashboard.form((ctx, s) -> {
            if (!webhooks.delete(s.artist().id(), ctx.pathParam("webhookId"))) {
                throw Refusal.notFound("No such webhook.");
            }
            Dashboard.seeOther(ctx, "/dashboard/webhooks");
        }));
    }

    // ---- download codes

    private void codes(Context ctx, SignedIn s, String error) {
        Release release = catalog.owned(s.artist(), ctx.pathParam("id"));
        List<CodeRow> rows = codes.list(s.artist(), release.id()).stream().map(l -> new CodeRow(
                gatefold.server.codes.CodeFormat.display(l.code().code()), l.code().uses(), l.code().maxUses(),
                l.code().expiresAt() == null ? "" : lastDay(l.code().expiresAt()),
                String.join(", ", l.redeemedBy()))).toList();
        dashboard.render(ctx, "dashboard/codes.jte", new CodesPage(dashboard.nav(s, "Download codes", "releases"),
                release.id(), release.title(), rows, error));
    }

    private void generateCodes(Context ctx, SignedIn s) {
        Release release = catalog.owned(s.artist(), ctx.pathParam("id"));
        try {
            int count = whole(ctx.formParam("count"), "How many codes", 1, DownloadCodes.MAX_BATCH, 1);
            int uses = whole(ctx.formParam("uses"), "Uses per code", 1, DownloadCodes.MAX_USES, 1);
            Instant expires = Optional.ofNullable(Dashboard.blankToNull(ctx.formParam("expires")))
                    .map(d -> endOfDay(d, "The expiry date")).orElse(null);
            codes.create(s.artist(), release.id(), count, expires, uses);
        } catch (Refusal refused) {
            if (ErrorPages.status(refused) == 404) {
                throw refused;
            }
            ctx.status(ErrorPages.status(refused));
            codes(ctx, s, refused.getMessage());
            return;
        }
        Dashboard.seeOther(ctx, "/dashboard/releases/" + release.id() + "/codes");
    }

    // ---- embed

    private void embed(Context ctx, SignedIn s) {
        Artist artist = s.artist();
        Release release = catalog.owned(artist, ctx.pathParam("id"));
        String releaseUrl = dashboard.publicUrl() + "/r/" + artist.slug() + "/" + release.slug();
        String snippet = "<script src=\"" + dashboard.publicUrl() + "/embed.js\" async></script>\n"
                + "<a data-gatefold href=\"" + releaseUrl + "\">Buy</a>";
        dashboard.render(ctx, "dashboard/embed.jte", new EmbedPage(dashboard.nav(s, "Embed", "releases"), release.id(),
                release.title(), snippet, "/embed/r/" + artist.slug() + "/" + release.slug(), releaseUrl));
    }

    // ---- discount codes

    private void discounts(Context ctx, SignedIn s, String error) {
        List<Release> releases = catalog.releases(s.artist());
        Map<String, String> titles = releases.stream().collect(Collectors.toMap(Release::id, Release::title));
        List<DiscountRow> rows = discounts.list(s.artist().id()).stream().map(d -> new DiscountRow(d.id(), d.code(), off(d),
                d.releaseId() == null ? "every release" : titles.getOrDefault(d.releaseId(), ""), window(d),
                d.uses() + (d.maxUses() == null ? "" : " of " + d.maxUses()))).toList();
        List<Choice> choices = new ArrayList<>();
        choices.add(new Choice("", "Every release", true));
        releases.forEach(r -> choices.add(new Choice(r.id(), r.title(), false)));
        dashboard.render(ctx, "dashboard/discounts.jte", new DiscountsPage(dashboard.nav(s, "Discount codes", "discounts"),
                rows, choices, error));
    }

    private void addDiscount(Context ctx, SignedIn s) {
        Artist artist = s.artist();
        try {
            String releaseId = Optional.ofNullable(Dashboard.blankToNull(ctx.formParam("releaseId")))
                    .map(id -> catalog.owned(artist, id).id()).orElse(null);
            String percent = Dashboard.blankToNull(ctx.formParam("percentOff"));
            String amount = Dashboard.blankToNull(ctx.formParam("amountOff"));
            Money amountOff = amount == null ? null : Money.parse(amount, Money.currency(Optional.ofNullable(
                    Dashboard.blankToNull(ctx.formParam("currency"))).orElse(artist.defaultCurrency())));
            Integer percentOff = percent == null ? null : whole(percent, "Percent off", 1, 100, 0);
            String maxUses = Dashboard.blankToNull(ctx.formParam("maxUses"));
            discounts.create(artist.id(), releaseId, Optional.ofNullable(ctx.formParam("code")).orElse(""), percentOff, amountOff,
                    Optional.ofNullable(Dashboard.blankToNull(ctx.formParam("startsAt"))).map(d -> startOfDay(d, "The start date"))
                            .orElse(null),
                    Optional.ofNullable(Dashboard.blankToNull(ctx.formParam("endsAt"))).map(d -> endOfDay(d, "The end date"))
                            .orElse(null),
                    maxUses == null ? null : whole(maxUses, "Maximum uses", 1, 1_000_000, 0));
        } catch (Refusal refused) {
            ctx.status(ErrorPages.status(refused) == 404 ? 422 : ErrorPages.status(refused));
            discounts(ctx, s, ErrorPages.status(refused) == 404 ? "Choose one of your releases." : refused.getMessage());
            return;
        }
        Dashboard.seeOther(ctx, "/dashboard/discounts");
    }

    private static String off(DiscountCode d) {
        return d.percentOff() != null ? d.percentOff() + "% off"
                : Dashboard.money(new Money(d.amountOff(), Currency.getInstance(d.currency()))) + " off";
    }

    private static String window(DiscountCode d) {
        if (d.startsAt() == null && d.endsAt() == null) {
            return "always";
        }
        return (d.startsAt() == null ? "" : "from " + d.startsAt().atOffset(ZoneOffset.UTC).toLocalDate() + " ")
                + (d.endsAt() == null ? "" : "until " + lastDay(d.endsAt()));
    }

    // ---- payments

    @SuppressWarnings("unchecked")
    private void payments(Context ctx, SignedIn s, String error, String notice) {
        Map<String, Object> view = payments.view(s.artist().id());
        Map<String, Object> stripe = (Map<String, Object>) view.get("stripe");
        Map<String, Object> btcpay = (Map<String, Object>) view.get("btcpay");
        dashboard.render(ctx, "dashboard/payments.jte", new PaymentsPage(dashboard.nav(s, "Payments", "payments"),
                stripe != null, text(stripe, "secretKeyLast4"), text(stripe, "webhookSecretLast4"), text(stripe, "accountId"),
                btcpay != null, text(btcpay, "url"), text(btcpay, "storeId"), text(btcpay, "apiKeyLast4"),
                text(btcpay, "webhookSecretLast4"), Boolean.TRUE.equals(view.get("offlineOnly")), error, notice));
    }

    private void savePayments(Context ctx, SignedIn s) {
        Optional<PaymentAccounts.Stripe> stripe = ctx.formParam("stripe") == null ? Optional.empty()
                : Optional.of(new PaymentAccounts.Stripe(field(ctx, "stripeSecretKey"), field(ctx, "stripeWebhookSecret"),
                        field(ctx, "stripeAccountId")));
        Optional<PaymentAccounts.BtcPay> btcpay = ctx.formParam("btcpay") == null ? Optional.empty()
                : Optional.of(new PaymentAccounts.BtcPay(field(ctx, "btcpayUrl"), field(ctx, "btcpayStoreId"),
                        field(ctx, "btcpayApiKey"), field(ctx, "btcpayWebhookSecret")));
        try {
            payments.save(s.artist().id(), new PaymentSettings.Change(stripe, btcpay, ctx.formParam("offlineOnly") != null));
        } catch (Refusal | IllegalArgumentException refused) {
            ctx.status(refused instanceof Refusal e ? ErrorPages.status(e) : 422);
            payments(ctx, s, refused instanceof Refusal ? refused.getMessage() : "The BTCPay address is not a valid URL.", null);
            return;
        }
        payments(ctx, s, null, "Saved.");
    }

    private static String field(Context ctx, String name) {
        String value = Dashboard.blankToNull(ctx.formParam(name));
        if (value != null && value.length() > 500) {
            throw Refusal.invalid("Payment settings are at most 500 characters each.");
        }
        return value;
    }

    private static String text(Map<String, Object> section, String key) {
        Object value = section == null ? null : section.get(key);
        return value == null ? "" : value.toString();
    }

    // ---- seller webhooks

    private void webhooks(Context ctx, SignedIn s, String newSecret, String error) {
        List<WebhookRow> rows = webhooks.list(s.artist().id()).stream()
                .map(w -> new WebhookRow(String.valueOf(w.get("id")), String.valueOf(w.get("url")), "")).toList();
        dashboard.render(ctx, "dashboard/webhooks.jte", new WebhooksPage(dashboard.nav(s, "Webhooks", "webhooks"), rows,
                newSecret, error));
    }

    private void addWebhook(Context ctx, SignedIn s) {
        SellerWebhooks.Registered added;
        try {
            added = webhooks.register(s.artist().id(), Optional.ofNullable(ctx.formParam("url")).orElse("").strip());
        } catch (Refusal refused) {
            ctx.status(ErrorPages.status(refused));
            webhooks(ctx, s, null, refused.getMessage());
            return;
        }
        ctx.status(201);
        webhooks(ctx, s, added.secret(), null);
    }

    // ---- form values

    private static int whole(String raw, String what, int min, int max, int fallback) {
        if (raw == null || raw.isBlank()) {
            if (fallback > 0) {
                return fallback;
            }
            throw Refusal.invalid(what + " is needed.");
        }
        try {
            int n = Integer.parseInt(raw.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // Answered below.
        }
        throw Refusal.invalid(what + " must be a whole number from " + min + " to " + max + ".");
    }

    private static LocalDate date(String raw, String what) {
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw Refusal.invalid(what + " must be a date like 2026-12-31.");
        }
    }

    private static Instant startOfDay(String raw, String what) {
        return date(raw, what).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The last day (UTC) on which something ending at {@code end} still works, as the form took it. */
    private static String lastDay(Instant end) {
        return end.minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static Instant endOfDay(String raw, String what) {
        return date(raw, what).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
