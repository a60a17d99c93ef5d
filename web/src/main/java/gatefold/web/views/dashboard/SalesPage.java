package gatefold.web.views.dashboard;

import java.util.List;

/** Sales with the filters that produced them, totals per currency, a chart per day and the CSV link. */
public record SalesPage(Nav nav, SalePageFilter filter, List<SaleRow> sales, List<Total> totals, SalesChart chart,
                        String csvHref, String error) {
}
