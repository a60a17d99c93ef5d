package gatefold.web.views.store;

import gatefold.web.views.Layout;

/** The pay page test mode serves instead of a payment provider. */
public record TestPaymentPage(Layout layout, String title, String amount) {
}
