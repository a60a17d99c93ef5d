package gatefold.web.views.store;

import gatefold.web.views.Layout;

/** A download that is not made yet: what is being prepared, roughly how long it takes, and the link to try again. */
public record PreparingPage(Layout layout, String what, String eta, String again) {
}
