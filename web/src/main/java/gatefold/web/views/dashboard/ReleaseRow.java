package gatefold.web.views.dashboard;

/** One release in the dashboard's list. */
public record ReleaseRow(String id, String title, String kind, String status, String price, int fileCount, String url) {
}
