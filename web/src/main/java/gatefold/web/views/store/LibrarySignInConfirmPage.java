package gatefold.web.views.store;

import gatefold.web.views.Layout;

/**
 * The page a sign-in link opens: one button that spends the link. Mail scanners and link
 * previews fetch links with GET; only the fan's click (a POST) signs in.
 */
public record LibrarySignInConfirmPage(Layout layout, String action, String csrfField, String csrfToken) {
}
