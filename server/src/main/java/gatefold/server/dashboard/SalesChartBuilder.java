package gatefold.server.dashboard;

import gatefold.server.sales.PurchaseStatus;
import gatefold.server.sales.Purchase;
import gatefold.web.views.dashboard.ChartBar;
import gatefold.web.views.dashboard.SalesChart;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Lays out confirmed sales per day (UTC) as SVG bars: every day from the first sale to the last, up to a year. */
final class SalesChartBuilder {

    static final int WIDTH = 600;
    static final int HEIGHT = 160;
    static final int MAX_DAYS = 366;

    private SalesChartBuilder() {
    }

    static SalesChart perDay(List<Purchase> purchases) {
        Map<LocalDate, Long> counts = new TreeMap<>();
        for (Purchase p : purchases) {
            if (p.status() == PurchaseStatus.CONFIRMED) {
                counts.merge(p.createdAt().atOffset(ZoneOffset.UTC).toLocalDate(), 1L, Long::sum);
            }
        }
        if (counts.isEmpty()) {
            return new SalesChart(WIDTH, HEIGHT, List.of(), "", "", 0);
        }
        LocalDate last = ((TreeMap<LocalDate, Long>) counts).lastKey();
        LocalDate first = ((TreeMap<LocalDate, Long>) counts).firstKey();
        if (first.isBefore(last.minusDays(MAX_DAYS - 1))) {
            first = last.minusDays(MAX_DAYS - 1);
        }
        int days = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
        long most = counts.values().stream().mapToLong(Long::longValue).max().orElse(1);
        int slot = Math.max(1, WIDTH / days);
        int barWidth = Math.max(1, slot - (slot > 3 ? 1 : 0));
        List<ChartBar> bars = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            LocalDate day = first.plusDays(i);
            long n = counts.getOrDefault(day, 0L);
            int height = (int) Math.round((double) n / most * (HEIGHT - 10));
            if (n > 0 && height == 0) {
                height = 1;
            }
            bars.add(new ChartBar(i * slot, HEIGHT - height, barWidth, height, day + ": " + n + (n == 1 ? " sale" : " sales")));
        }
        return new SalesChart(Math.max(WIDTH, days * slot), HEIGHT, bars, first.toString(), last.toString(), most);
    }
}
