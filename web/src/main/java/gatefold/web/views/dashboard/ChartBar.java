package gatefold.web.views.dashboard;

/** One day of the sales chart, already placed in the SVG's coordinates. */
public record ChartBar(int x, int y, int width, int height, String label) {
}
