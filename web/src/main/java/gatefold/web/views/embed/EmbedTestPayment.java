package gatefold.web.views.embed;

/** The pretend payment page inside the overlay when the store runs with test payments. */
public record EmbedTestPayment(EmbedFrame frame, String title, String amount, String action) {
}
