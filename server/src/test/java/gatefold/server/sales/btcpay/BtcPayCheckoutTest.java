package gatefold.server.sales.btcpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gatefold.server.ApiClient.Reply;
import gatefold.server.sales.webhooks.Shop;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A fan pays through the artist's own BTCPay Server; its signed webhook (or the server itself) confirms it. */
class BtcPayCheckoutTest {

    static final AtomicInteger COUNTER = new AtomicInteger();
    static FakeBtcPay btcpay;
    static Shop shop;

    record Artist(Shop.Seller seller, String storeId, String webhookSecret) {
        String slug() {
            return seller.slug();
        }
    }

    @BeforeAll
    static void start() {
        btcpay = FakeBtcPay.start();
        // The fake BTCPay Server is on this machine: the operator's opt-in lets the store call it.
        shop = new Shop(Map.of("GATEFOLD_OUTBOUND_ALLOW_PRIVATE", "true"));
    }

    @AfterAll
    static void stop() {
        shop.close();
        btcpay.close();
    }

    static Artist artist() {
        int n = COUNTER.incrementAndGet();
        String store = "Store" + n + "xyz";
        String key = "btcpaykey" + n + "WXYZ";
        String secret = "btcpayhooksecret" + n;
        btcpay.addStore(store, key);
        Shop.Seller seller = shop.seller(Map.of("btcpay", Map.of("url", btcpay.url(), "storeId", store, "apiKey", key,
                "webhookSecret", secret)));
        return new Artist(seller, store, secret);
    }

    static String invoiceId(Reply started) {
        String url = started.text("redirectUrl");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    static String event(String type, String storeId, String invoiceId) {
        return event(type, storeId, invoiceId, UUID.randomUUID().toString(), null);
    }

    static String event(String type, String storeId, String invoiceId, String deliveryId, String originalDeliveryId) {
        ObjectNode event = FakeBtcPay.JSON.createObjectNode();
        if (deliveryId != null) {
            event.put("deliveryId", deliveryId);
        }
        event.put("webhookId", "hook1");
        if (originalDeliveryId != null) {
            event.put("originalDeliveryId", originalDeliveryId);
            event.put("isRedelivery", true);
        } else {
            event.put("isRedelivery", false);
        }
        event.put("type", type);
        event.put("timestamp", System.currentTimeMillis() / 1000);
        event.put("storeId", storeId);
        event.put("invoiceId", invoiceId);
        event.putObject("metadata");
        return event.toString();
    }

    static String sign(String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Reply post(Artist artist, String body) {
        return shop.webhook("btcpay", artist.slug(), body, "BTCPay-Sig", sign(body, artist.webhookSecret()));
    }

    @Test
    void aFanPaysThroughTheArtistsBtcPayServerAndTheSignedWebhookConfirms() {
        Artist artist = artist();
        Reply started = shop.checkout(artist.seller(), "btcpay");
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.text("redirectUrl")).startsWith(btcpay.url() + "/i/");
        String invoice = invoiceId(started);
        ObjectNode created = btcpay.invoice(invoice);
        assertThat(created.path("amount").asText()).isEqualTo("7.00");
        assertThat(created.path("currency").asText()).isEqualTo("EUR");
        assertThat(created.path("metadata").path("orderId").asText()).isEqualTo(started.text("id"));
        assertThat(created.path("metadata").path("buyerEmail").asText()).isEqualTo("fan@example.com");
        assertThat(created.path("checkout").path("redirectURL").asText()).isEqualTo(started.text("receiptUrl"));
        assertThat(btcpay.calls).anySatisfy(c -> {
            assertThat(c.method()).isEqualTo("POST");
            assertThat(c.path()).isEqualTo("/api/v1/stores/" + artist.storeId() + "/invoices");
            assertThat(c.authorization()).isEqualTo("token btcpaykey" + artist.storeId().replaceAll("\\D", "") + "WXYZ");
        });

        Reply hook = post(artist, event("InvoiceSettled", artist.storeId(), invoice));
        assertThat(hook.status()).as(hook.toString()).isEqualTo(200);
        assertThat(shop.status(started.text("id"))).isEqualTo("confirmed");
        Reply receipt = shop.receipt(started.text("receiptUrl"));
        assertThat(shop.download(Shop.firstDownload(receipt)).body()).isEqualTo(artist.seller().file());
    }

    @Test
    void forgedAndUnsignedEventsAreRefusedAndWriteNothing() {
        Artist artist = artist();
        Artist other = artist();
        Reply started = shop.checkout(artist.seller(), "btcpay");
        String body = event("InvoiceSettled", artist.storeId(), invoiceId(started));
        int events = shop.providerEvents("btcpay");

        assertThat(shop.webhook("btcpay", artist.slug(), body, "BTCPay-Sig", sign(body, "guessed")).status()).isEqualTo(400);
        assertThat(shop.webhook("btcpay", artist.slug(), body).status()).isEqualTo(400);
        assertThat(shop.webhook("btcpay", artist.slug(), body, "BTCPay-Sig", "sha256=").status()).isEqualTo(400);
        assertThat(shop.webhook("btcpay", artist.slug(), body + " ", "BTCPay-Sig", sign(body, artist.webhookSecret())).status())
                .isEqualTo(400);
        // Signed by another artist's secret, posted at this artist's address.
        assertThat(shop.webhook("btcpay", artist.slug(), body, "BTCPay-Sig", sign(body, other.webhookSecret())).status())
                .isEqualTo(400);
        assertThat(shop.webhook("btcpay", "no-such-artist", body, "BTCPay-Sig", sign(body, artist.webhookSecret())).status())
                .isEqualTo(400);

        assertThat(shop.providerEvents("btcpay")).isEqualTo(events);
        assertThat(shop.status(started.text("id"))).isEqualTo("pending");
        assertThat(post(artist, body).status()).isEqualTo(200);
        assertThat(shop.status(started.text("id"))).isEqualTo("confirmed");
    }

    @Test
    void anExpiredInvoiceEndsThePurchaseAndAnInvalidOneFailsIt() {
        Artist artist = artist();
        Reply late = shop.checkout(artist.seller(), "btcpay");
        assertThat(post(artist, event("InvoiceExpired", artist.storeId(), invoiceId(late))).status()).isEqualTo(200);
        assertThat(shop.status(late.text("id"))).isEqualTo("expired");
        // Paid after it expired: the artist sorts that out with the fan; the purchase stays ended.
        assertThat(post(artist, event("InvoiceSettled", artist.storeId(), invoiceId(late))).status()).isEqualTo(200);
        assertThat(shop.status(late.text("id"))).isEqualTo("expired");
        assertThat(shop.receipt(late.text("receiptUrl")).json().path("downloads")).isEmpty();

        Reply invalid = shop.checkout(artist.seller(), "btcpay");
        assertThat(post(artist, event("InvoiceInvalid", artist.storeId(), invoiceId(invalid))).status()).isEqualTo(200);
        assertThat(shop.status(invalid.text("id"))).isEqualTo("failed");

        Reply processing = shop.checkout(artist.seller(), "btcpay");
        assertThat(post(artist, event("InvoiceProcessing", artist.storeId(), invoiceId(processing))).status()).isEqualTo(200);
        assertThat(shop.status(processing.text("id"))).isEqualTo("pending");
    }

    @Test
    void aDuplicateOrRedeliveredEventChangesNothing() {
        Artist artist = artist();
        Reply started = shop.checkout(artist.seller(), "btcpay");
        String invoice = invoiceId(started);
        String first = event("InvoiceSettled", artist.storeId(), invoice, "delivery-1-" + invoice, null);
        assertThat(post(artist, first).status()).isEqualTo(200);
        assertThat(shop.status(started.text("id"))).isEqualTo("confirmed");
        assertThat(shop.api.post("/api/purchases/" + started.text("id") + "/refund", artist.seller().token(), null).status())
                .isEqualTo(200);
        int events = shop.providerEvents("btcpay");

        Reply again = post(artist, first);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        String redelivery = event("InvoiceSettled", artist.storeId(), invoice, "delivery-2-" + invoice, "delivery-1-" + invoice);
        assertThat(post(artist, redelivery).json().path("duplicate").asBoolean()).isTrue();
        assertThat(shop.providerEvents("btcpay")).isEqualTo(events);
        assertThat(shop.status(started.text("id"))).isEqualTo("refunded");

        // Without a delivery id, the exact same body is the same event.
        Reply second = shop.checkout(artist.seller(), "btcpay");
        String anonymous = event("InvoiceExpired", artist.storeId(), invoiceId(second), null, null);
        assertThat(post(artist, anonymous).json().path("duplicate").asBoolean()).isFalse();
        assertThat(post(artist, anonymous).json().path("duplicate").asBoolean()).isTrue();
        assertThat(shop.status(second.text("id"))).isEqualTo("expired");
    }

    @Test
    void anEventNamingAnotherStoreOrAnotherArtistsInvoiceIsIgnored() {
        Artist a = artist();
        Artist b = artist();
        Reply toB = shop.checkout(b.seller(), "btcpay");
        assertThat(post(a, event("InvoiceSettled", a.storeId(), invoiceId(toB))).status()).isEqualTo(200);
        assertThat(post(a, event("InvoiceSettled", b.storeId(), invoiceId(toB))).status()).isEqualTo(200);
        assertThat(post(b, event("InvoiceSettled", "SomeoneElsesStore", invoiceId(toB))).status()).isEqualTo(200);
        assertThat(post(b, event("InvoiceSettled", b.storeId(), "unknowninvoice")).status()).isEqualTo(200);
        assertThat(shop.status(toB.text("id"))).isEqualTo("pending");
    }

    @Test
    void whenTheWebhookIsLateTheReceiptAsksTheArtistsServer() {
        Artist artist = artist();
        Reply started = shop.checkout(artist.seller(), "btcpay");
        assertThat(shop.receipt(started.text("receiptUrl")).text("status")).isEqualTo("pending");
        btcpay.setStatus(invoiceId(started), "Processing");
        assertThat(shop.receipt(started.text("receiptUrl")).text("status")).isEqualTo("pending");
        btcpay.setStatus(invoiceId(started), "Settled");
        Reply receipt = shop.receipt(started.text("receiptUrl"));
        assertThat(receipt.text("status")).isEqualTo("confirmed");
        assertThat(receipt.json().path("downloads")).hasSize(1);
    }

    @Test
    void whenTheArtistsServerDoesNotAnswerTheFanIsToldAndTheCheckoutEnds() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Shop.Seller seller = shop.seller(Map.of("btcpay", Map.of("url", "http://127.0.0.1:" + closedPort, "storeId", "gone",
                "apiKey", "keyGONE", "webhookSecret", "secretGONE")));
        Reply started = shop.checkout(seller, "btcpay");
        assertThat(started.status()).as(started.toString()).isEqualTo(503);
        assertThat(started.text("message")).contains("payment service is not answering");
        assertThat(started.body()).doesNotContain("Exception").doesNotContainIgnoringCase("refused").doesNotContain(closedPort + "");
        assertThat(started.raw().headers().firstValue("Retry-After")).isPresent();
        String state = shop.server.gatefold.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT status || '/' || COALESCE(provider_ref, 'none') FROM purchases WHERE artist_id = :a")
                .bind("a", seller.id()).mapTo(String.class).one());
        assertThat(state).isEqualTo("failed/none");

        // A server that answers but refuses the key: a clear error, not a redirect.
        Shop.Seller refused = shop.seller(Map.of("btcpay", Map.of("url", btcpay.url(), "storeId", "NotOnThisServer",
                "apiKey", "keyWRONG", "webhookSecret", "secretWRONG")));
        Reply denied = shop.checkout(refused, "btcpay");
        assertThat(denied.status()).as(denied.toString()).isEqualTo(502);
        assertThat(denied.body()).doesNotContain("keyWRONG");
    }
}
