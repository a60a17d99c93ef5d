package gatefold.web.views.store;

import gatefold.web.views.Layout;

/**
 * A page with one button that does what a mailed link asked for (confirm a follow, unsubscribe).
 * Mail scanners and link previews fetch links with GET; only the fan's click (a POST) acts.
 */
public record ButtonPage(Layout layout, String heading, String message, String action, String button) {
}
