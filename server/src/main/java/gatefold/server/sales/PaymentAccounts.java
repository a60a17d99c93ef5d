package gatefold.server.sales;

import java.util.Optional;

/**
 * An artist's own payment accounts, with secrets already opened (in memory only while a
 * checkout or webhook needs them). Never logged, never sent back through the API.
 */
public record PaymentAccounts(
        String artistId,
        Optional<Stripe> stripe,
        Optional<BtcPay> btcpay,
        boolean offlineOnly) {

    public record Stripe(String secretKey, String webhookSecret, String accountId) {
        @Override
        public String toString() {
            return "Stripe[account=" + accountId + "]";
        }
    }

    public record BtcPay(String url, String storeId, String apiKey, String webhookSecret) {
        @Override
        public String toString() {
            return "BtcPay[" + url + ", store=" + storeId + "]";
        }
    }

    public static PaymentAccounts none(String artistId) {
        return new PaymentAccounts(artistId, Optional.empty(), Optional.empty(), false);
    }
}
