package gatefold.web.views.store;

import gatefold.web.views.Layout;

/** The download-code form, refilled with what the fan typed when {@code problem} says what went wrong. */
public record RedeemPage(Layout layout, String problem, String code, String email, String csrfField, String csrfToken) {
}
