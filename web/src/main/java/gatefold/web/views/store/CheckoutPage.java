package gatefold.web.views.store;

import gatefold.web.views.Layout;

/** The checkout page: the buy form on its own, for links and embeds; {@code notice} says a payment was cancelled. */
public record CheckoutPage(Layout layout, String title, String releaseHref, BuyForm buy, String notice) {
}
