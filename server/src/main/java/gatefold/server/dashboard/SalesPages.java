package gatefold.server.dashboard;

import gatefold.server.sales.PurchaseStatus;
import gatefold.server.accounts.CurrentArtist.SignedIn;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.common.Money;
import gatefold.server.common.Refusal;
import gatefold.server.http.ErrorPages;
import gatefold.server.sales.Purchase;
import gatefold.server.sales.Sales;
import gatefold.server.sales.SalesReport;
import gatefold.web.views.dashboard.Choice;
import gatefold.web.views.dashboard.SalePageFilter;
import gatefold.web.views.dashboard.SaleRow;
import gatefold.web.views.dashboard.SalesPage;
import gatefold.web.views.dashboard.Total;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** GET /dashboard/sales: the filtered sales table, totals per currency, sales per day, and the CSV link. */
final class SalesPages {

    private static final List<String> STATUSES = List.of("confirmed", "pending", "refunded", "disputed", "failed", "expired");
    private static final List<String> FILTERS = List.of("release", "status", "from", "to", "email");
    private final Dashboard dashboard;
    private final Catalog catalog;
    private final SalesReport report;

    SalesPages(Dashboard dashboard, Catalog catalog, Sales sales) {
        this.dashboard = dashboard;
        this.catalog = catalog;
        this.report = new SalesReport(sales, catalog);
    }

    void addTo(RoutesConfig routes) {
        routes.get("/dashboard/sales", dashboard.page(this::sales));
    }

    private void sales(Context ctx, SignedIn s) {
        Map<String, List<String>> query = new TreeMap<>();
        FILTERS.forEach(name -> Optional.ofNullable(Dashboard.blankToNull(ctx.queryParam(name)))
                .ifPresent(v -> query.put(name, List.of(v))));
        List<Release> releases = catalog.releases(s.artist());
        Map<String, String> titles = releases.stream().collect(Collectors.toMap(Release::id, Release::title));
        SalesReport.Filter filter;
        String error = null;
        try {
            filter = SalesReport.Filter.of(query);
        } catch (Refusal refused) {
            ctx.status(ErrorPages.status(refused));
            error = refused.getMessage();
            query.clear();
            filter = SalesReport.Filter.of(query);
        }
        List<Purchase> purchases = report.purchases(s.artist(), filter);
        List<SaleRow> rows = purchases.stream().map(p -> new SaleRow(p.createdAt().atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                titles.getOrDefault(p.releaseId(), ""), p.email(), Dashboard.money(p.amount()), p.status().id(), p.source())).toList();
        List<Choice> releaseChoices = new ArrayList<>();
        releaseChoices.add(new Choice("", "All releases", !query.containsKey("release")));
        releases.forEach(r -> releaseChoices.add(new Choice(r.id(), r.title(), r.id().equals(first(query, "release")))));
        List<Choice> statusChoices = new ArrayList<>();
        statusChoices.add(new Choice("", "Any status", !query.containsKey("status")));
        STATUSES.forEach(st -> statusChoices.add(new Choice(st, st, st.equals(first(query, "status")))));
        String csv = "/api/purchases.csv" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().get(0), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", query.isEmpty() ? "" : "?", ""));
        dashboard.render(ctx, "dashboard/sales.jte", new SalesPage(dashboard.nav(s, "Sales", "sales"),
                new SalePageFilter(releaseChoices, statusChoices, orEmpty(query, "from"), orEmpty(query, "to"),
                        orEmpty(query, "email")), rows, totals(purchases), SalesChartBuilder.perDay(purchases), csv, error));
    }

    private static List<Total> totals(List<Purchase> purchases) {
        Map<String, long[]> perCurrency = new TreeMap<>();
        for (Purchase p : purchases) {
            if (p.status() == PurchaseStatus.CONFIRMED) {
                long[] sum = perCurrency.computeIfAbsent(p.currency(), c -> new long[2]);
                sum[0] += p.amountMinor();
                sum[1]++;
            }
        }
        List<Total> out = new ArrayList<>();
        perCurrency.forEach((currency, sum) -> out.add(new Total(currency,
                new Money(sum[0], Currency.getInstance(currency)).amount(), sum[1])));
        return out;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null ? null : values.get(0);
    }

    private static String orEmpty(Map<String, List<String>> query, String name) {
        return Optional.ofNullable(first(query, name)).orElse("");
    }
}
