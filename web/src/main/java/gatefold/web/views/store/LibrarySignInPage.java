package gatefold.web.views.store;

import gatefold.web.views.Layout;

/** Asks for the email to send a library sign-in link to; {@code notice} explains why the fan is here again. */
public record LibrarySignInPage(Layout layout, String notice, String csrfField, String csrfToken) {
}
