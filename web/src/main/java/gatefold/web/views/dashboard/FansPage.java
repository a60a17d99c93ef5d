package gatefold.web.views.dashboard;

/** A fan's own data (download, erase) and the "we moved" mail to every buyer. */
public record FansPage(Nav nav, int buyers, String email, String error, String notice) {
}
