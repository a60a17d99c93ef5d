package gatefold.server.invoices;

import static gatefold.server.invoices.TaxShop.rate;
import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.server.db.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two Gatefold instances on one PostgreSQL database confirm 50 paid purchases of one artist
 * at once, while 10 other checkouts of the same artist are cancelled unpaid: the invoices are
 * numbered 1 to 50, none missing and none twice, and the cancelled checkouts took no number.
 */
class InvoiceNumbersAcrossInstancesTest {

    static final int PAID = 50;
    static final int CANCELLED = 10;

    @Test
    void fiftyConcurrentPaymentsOnTwoInstancesGetInvoiceNumbersOneToFiftyWithoutGapOrRepeat() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> settings = new HashMap<>(TestDatabases.postgresUrl().settings());
        settings.put("GATEFOLD_SECRET_KEY", Base64.getEncoder().encodeToString(key));
        settings.put("GATEFOLD_ADMIN_TOKEN", "gfa_invoices-across-instances-0123456789");
        settings.put("GATEFOLD_PAYMENTS_TEST", "true");
        try (TestServer first = TestServer.start(settings); TestServer second = TestServer.start(settings)) {
            TaxShop a = new TaxShop(first);
            TaxShop b = new TaxShop(second);
            TaxShop.Seller seller = artist(a);
            assertThat(a.profile(seller, Map.of("invoicePrefix", "PG")).status()).isEqualTo(200);
            a.rates(seller, List.of(rate("DE", "19", "VAT"), rate("FR", "20", "TVA")));
            String release = a.release(seller, "4.99", null);

            // Checkouts started on both instances; each is paid (or cancelled) through the other one.
            List<Runnable> moves = new ArrayList<>();
            for (int i = 0; i < PAID + CANCELLED; i++) {
                TaxShop starter = i % 2 == 0 ? a : b;
                TaxShop finisher = i % 2 == 0 ? b : a;
                Reply started = starter.checkout(release, Map.of("country", i % 3 == 0 ? "FR" : "DE", "email", "fan" + i + "@example.com"));
                assertThat(started.status()).as(started.toString()).isEqualTo(201);
                if (i < PAID) {
                    URI pay = URI.create(started.text("redirectUrl"));
                    URI other = URI.create(finisher.server.url(pay.getPath()));
                    moves.add(() -> {
                        HttpResponse<String> paid = finisher.send(HttpRequest.newBuilder(other).POST(HttpRequest.BodyPublishers.noBody()));
                        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(303);
                    });
                } else {
                    moves.add(() -> assertThat(finisher.api.post("/api/purchases/" + started.text("id") + "/refund", seller.token(), null)
                            .status()).isEqualTo(200));
                }
            }
            run(moves);

            List<Integer> numbers = first.gatefold.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT seq FROM invoices WHERE artist_id = :a AND kind = 'invoice' ORDER BY seq").bind("a", seller.id())
                    .mapTo(Integer.class).list());
            assertThat(numbers).containsExactlyElementsOf(IntStream.rangeClosed(1, PAID).boxed().toList());
            int confirmedWithInvoice = first.gatefold.database().jdbi().withHandle(h -> h.createQuery("""
                    SELECT COUNT(*) FROM purchases p JOIN invoices i ON i.purchase_id = p.id
                    WHERE p.artist_id = :a AND p.status = 'confirmed'""").bind("a", seller.id()).mapTo(Integer.class).one());
            assertThat(confirmedWithInvoice).isEqualTo(PAID);
            // The next sale, on either instance, carries on from 50.
            com.fasterxml.jackson.databind.JsonNode invoice = b.buy(release, Map.of("country", "DE")).path("invoice");
            assertThat(invoice.path("number").asText()).endsWith("-00051").startsWith("PG-");
            // Either instance makes the same PDF, byte for byte.
            String path = URI.create(invoice.path("url").asText()).getPath();
            assertThat(a.pdf(first.url(path))).isEqualTo(b.pdf(second.url(path)));
        }
    }

    private static TaxShop.Seller artist(TaxShop shop) {
        Reply created = shop.api.post("/api/artists", "gfa_invoices-across-instances-0123456789",
                Map.of("name", "Across Band", "email", "across@example.com", "password", "correct horse battery"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new TaxShop.Seller(created.text("id"), created.text("slug"), created.text("apiToken"));
    }

    /** Every move at once, from as many threads, released together. */
    private static void run(List<Runnable> moves) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(moves.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (Runnable move : moves) {
            done.add(pool.submit(() -> {
                go.await();
                move.run();
                return null;
            }));
        }
        go.countDown();
        try {
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
