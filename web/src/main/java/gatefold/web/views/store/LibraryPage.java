package gatefold.web.views.store;

import gatefold.web.views.Layout;
import java.util.List;

/** The signed-in library: every purchase with fresh links, and the sign-out form. */
public record LibraryPage(Layout layout, String email, List<LibraryEntry> items, String csrfField, String csrfToken) {
}
