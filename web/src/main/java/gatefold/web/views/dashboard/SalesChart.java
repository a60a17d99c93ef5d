package gatefold.web.views.dashboard;

import java.util.List;

/** Sales per day as bars in a {@code width} x {@code height} SVG, with the axis labels. */
public record SalesChart(int width, int height, List<ChartBar> bars, String firstDay, String lastDay, long most) {

    public boolean isEmpty() {
        return bars.isEmpty();
    }
}
