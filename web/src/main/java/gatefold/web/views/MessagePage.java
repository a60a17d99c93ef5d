package gatefold.web.views;

/** A short page that tells a fan what happened and what to do next (404, 410, thank-you pages). */
public record MessagePage(Layout layout, String heading, String message, String nextHref, String nextLabel) {
}
