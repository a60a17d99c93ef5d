package gatefold.web.views.dashboard;

import gatefold.web.views.Layout;

/**
 * The page an emailed sign-in link opens: one button that spends the link. Mail scanners and
 * link previews fetch links with GET; only the artist's click (a POST) signs in.
 */
public record SignInLinkPage(Layout layout, String action, String formToken) {
}
