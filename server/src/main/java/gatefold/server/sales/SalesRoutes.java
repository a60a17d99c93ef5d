package gatefold.server.sales;

import gatefold.server.common.Fields;
import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.common.Money;
import gatefold.server.common.MoneyField;
import gatefold.server.delivery.DownloadLinks;
import gatefold.server.common.Refusal;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The artist's sales API: record offline sales and gifts, list purchases, refund. */
public final class SalesRoutes implements RouteGroup {

    private final Sales sales;
    private final Catalog catalog;
    private final DownloadLinks links;
    private final CurrentArtist current;
    private final URI publicUrl;
    private final SalesReport report;
    private final SaleDocuments documents;

    public SalesRoutes(Sales sales, Catalog catalog, DownloadLinks links, CurrentArtist current,
                       URI publicUrl, SaleDocuments documents) {
        this.documents = documents;
        this.sales = sales;
        this.catalog = catalog;
        this.links = links;
        this.current = current;
        this.publicUrl = publicUrl;
        this.report = new SalesReport(sales, catalog);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/releases/{id}/purchases", this::record);
        routes.get("/api/purchases", ctx -> {
            Artist artist = current.require(ctx);
            List<Purchase> list = report.purchases(artist, SalesReport.Filter.of(ctx.queryParamMap()));
            Map<String, SaleDocuments.Issued> issued = documents.issued(list.stream().map(Purchase::id).toList());
            ctx.json(list.stream().map(p -> view(p, false, issued.getOrDefault(p.id(), SaleDocuments.Issued.NOTHING))).toList());
        });
        routes.get("/api/purchases.csv", ctx -> {
            Artist artist = current.require(ctx);
            ctx.header("Content-Disposition", "attachment; filename=\"sales.csv\"")
                    .contentType("text/csv; charset=utf-8")
                    .result(report.csv(artist, SalesReport.Filter.of(ctx.queryParamMap())));
        });
        routes.get("/api/sales/totals", ctx -> {
            Artist artist = current.require(ctx);
            ctx.json(report.totals(artist, SalesReport.Filter.of(ctx.queryParamMap())));
        });
        routes.get("/api/purchases/{id}", ctx -> ctx.json(view(sales.owned(current.require(ctx), ctx.pathParam("id")), true)));
        routes.post("/api/purchases/{id}/refund", ctx -> ctx.json(view(sales.refund(current.require(ctx), ctx.pathParam("id")), true)));
        routes.post("/api/purchases/{id}/revoke", ctx -> ctx.json(view(sales.revoke(current.require(ctx), ctx.pathParam("id")), true)));
    }

    private void record(Context ctx) {
        Artist artist = current.require(ctx);
        Release release = catalog.owned(artist, ctx.pathParam("id"));
        Fields body = JsonBody.of(ctx, Set.of("email", "amount", "source", "country"));
        Optional<Money> amount = body.raw("amount").map(node -> MoneyField.parse(node, Currency.getInstance(release.currency()), "amount"));
        String source = body.string("source", 20).orElse("offline");
        if (!Set.of("offline", "gift", "press", "comp").contains(source)) {
            throw Refusal.invalid("'source' must be one of offline, gift, press, comp.");
        }
        Purchase purchase = sales.recordByArtist(artist, release.id(), body.requiredString("email", 320), amount, source,
                body.string("country", 2));
        ctx.status(201).json(view(purchase, true));
    }

    private Map<String, Object> view(Purchase p, boolean withLinks) {
        return view(p, withLinks, documents.issued(p.id()));
    }

    private Map<String, Object> view(Purchase p, boolean withLinks, SaleDocuments.Issued issued) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id());
        out.put("releaseId", p.releaseId());
        out.put("email", p.email());
        out.put("amount", p.amount().toWire());
        out.put("status", p.status());
        out.put("source", p.source());
        out.put("provider", p.provider());
        out.put("listAmount", p.listAmount().toWire());
        out.put("discountCode", p.discountCode());
        out.put("receiptUrl", null);
        out.put("libraryUrl", publicUrl + "/library");
        if (withLinks) {
            links.addStanding(out, p.entitlementId());
            out.put("downloads", links.forEntitlement(p.entitlementId()).orElse(List.of()));
            out.put("albums", links.albumsFor(p.entitlementId()));
            out.put("streams", links.streamsFor(p.entitlementId()));
        }
        TaxFields.addTo(out, p, issued);
        out.put("createdAt", p.createdAt());
        return out;
    }
}
