package gatefold.server.sales.btcpay;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.sales.webhooks.Shop;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Without the operator's opt-in, an artist's BTCPay URL cannot make the store call its own machine or network. */
class BtcPayOutboundGuardTest {

    static FakeBtcPay btcpay;
    static Shop shop;

    @BeforeAll
    static void start() {
        btcpay = FakeBtcPay.start();
        shop = new Shop(Map.of());
    }

    @AfterAll
    static void stop() {
        shop.close();
        btcpay.close();
    }

    @Test
    void aBtcPayServerOnALocalAddressIsNeverCalled() {
        btcpay.addStore("LocalStore", "localKEY1");
        Shop.Seller seller = shop.seller(Map.of("btcpay", Map.of("url", btcpay.url(), "storeId", "LocalStore",
                "apiKey", "localKEY1", "webhookSecret", "localsecret")));
        Reply started = shop.checkout(seller, "btcpay");
        assertThat(started.status()).as(started.toString()).isEqualTo(502);
        assertThat(started.text("message")).isEqualTo(
                "The artist's payment server is at an address this store does not call; please let the artist know.");
        assertThat(started.body()).doesNotContain("Exception").doesNotContain("127.0.0.1").doesNotContain("loopback");
        assertThat(btcpay.calls).isEmpty();
        String state = shop.server.gatefold.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT status || '/' || COALESCE(provider_ref, 'none') FROM purchases WHERE artist_id = :a")
                .bind("a", seller.id()).mapTo(String.class).one());
        // No payment page was ever reached, so the checkout ends at once (and gives back any discount use it held).
        assertThat(state).isEqualTo("failed/none");
    }

    @Test
    void aBtcPayUrlIsCheckedForItsFormWhenSaved() {
        ApiClient.NewArtist artist = shop.api.newArtist("Form Checked", "form-checked@example.com");
        for (String url : new String[] {"ftp://pay.example.com", "https://me:pw@pay.example.com", "https://pay.example.com/?x=",
                "https://pay.example.com/#/api", "https://0x7f.1/", "https://2130706433/", "not a url", "https://:443/"}) {
            Reply saved = shop.api.send("PUT", "/api/me/payments", artist.token(), Map.of("btcpay", Map.of("url", url,
                    "storeId", "s", "apiKey", "k", "webhookSecret", "w")));
            assertThat(saved.status()).as(url + ": " + saved).isEqualTo(422);
            assertThat(saved.text("message")).as(url).startsWith("BTCPay 'url' ").doesNotContain("Exception");
        }
    }
}
