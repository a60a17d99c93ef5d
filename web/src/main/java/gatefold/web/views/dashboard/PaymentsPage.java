package gatefold.web.views.dashboard;

/** Payment settings: only the last four characters of any secret are ever shown. */
public record PaymentsPage(Nav nav, boolean stripeOn, String stripeKeyLast4, String stripeHookLast4, String stripeAccountId,
                           boolean btcpayOn, String btcpayUrl, String btcpayStoreId, String btcpayKeyLast4,
                           String btcpayHookLast4, boolean offlineOnly, String error, String notice) {
}
