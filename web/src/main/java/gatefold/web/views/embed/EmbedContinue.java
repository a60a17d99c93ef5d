package gatefold.web.views.embed;

/**
 * Payment pages of providers cannot be framed: the fan continues in a new tab and comes back
 * to the receipt, which updates itself once the payment is confirmed.
 */
public record EmbedContinue(EmbedFrame frame, String title, String providerLabel, String paymentUrl, String receiptUrl) {
}
