package gatefold.web.views.dashboard;

import gatefold.web.views.Layout;

/** The artist's sign-in form; {@code error} is shown above it after a failed attempt. */
public record SignInPage(Layout layout, String formToken, String email, String next, String error) {
}
