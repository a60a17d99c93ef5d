package gatefold.server.invoices;

import static gatefold.server.invoices.TaxShop.rate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.server.library.SignInLinks;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Paid sales of an artist with invoices on get numbered invoice PDFs; refunds get credit notes. */
class InvoiceTest {

    static final String YEAR = Integer.toString(Year.now(ZoneOffset.UTC).getValue());
    static TaxShop shop;

    @BeforeAll
    static void start() {
        shop = new TaxShop(TestServer.start(Map.of("GATEFOLD_PAYMENTS_TEST", "true")));
    }

    @AfterAll
    static void stop() {
        shop.server.close();
    }

    static TaxShop.Seller invoicingArtist(String prefix) {
        TaxShop.Seller seller = shop.artist();
        Reply saved = shop.profile(seller, Map.of("invoicePrefix", prefix));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        shop.rates(seller, List.of(rate("DE", "19", "VAT"), rate("AT", "20", "USt")));
        return seller;
    }

    @Test
    void aPaidSaleGetsAnInvoiceThePdfShowsTheNumberTotalsAndSellerAndItIsTheSameEveryTime() throws Exception {
        TaxShop.Seller seller = invoicingArtist("GF");
        String release = shop.release(seller, "9.99", null);
        JsonNode receipt = shop.buy(release, Map.of("country", "DE", "email", "Buyer@Example.com"));
        JsonNode invoice = receipt.path("invoice");
        assertThat(invoice.path("number").asText()).isEqualTo("GF-" + YEAR + "-00001");
        assertThat(invoice.path("url").asText()).startsWith(shop.server.gatefold.publicUrl() + "/invoices/inv_").endsWith(".pdf");
        assertThat(receipt.has("creditNote")).isFalse();
        JsonNode purchase = shop.api.get("/api/purchases/" + receipt.path("id").asText(), seller.token()).json();
        assertThat(purchase.path("invoice")).isEqualTo(invoice);

        byte[] pdf = shop.pdf(invoice.path("url").asText());
        String text = TaxShop.text(pdf);
        assertThat(text).contains("Invoice").contains("GF-" + YEAR + "-00001").contains("Date: " + LocalDate.now(ZoneOffset.UTC))
                .contains("Låga Vågor Musik AB").contains("Storgatan 1").contains("111 22 Stockholm").contains("SE556677889901")
                .contains("buyer@example.com").contains("VAT 19 % (DE)")
                .containsPattern("Net\\s+8\\.39 EUR").containsPattern("VAT 19 % \\(DE\\)\\s+1\\.60 EUR")
                .containsPattern("Total\\s+9\\.99 EUR");
        assertThat(TaxShop.qpdfCheck(pdf)).contains("No syntax or stream encoding errors found");
        assertThat(shop.pdf(invoice.path("url").asText())).isEqualTo(pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            COSArray id = document.getDocument().getTrailer().getCOSArray(COSName.ID);
            assertThat(id).isNotNull();
            assertThat(id.size()).isEqualTo(2);
            assertThat(document.getDocumentInformation().getProducer()).isEqualTo("Gatefold");
            assertThat(document.getDocumentInformation().getCreationDate().toInstant())
                    .isEqualTo(LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC));
            assertThat(document.getDocumentInformation().getModificationDate()).isNull();
        }
        HttpResponse<byte[]> res = shop.fetch(invoice.path("url").asText());
        assertThat(res.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
        assertThat(res.headers().firstValue("Content-Disposition")).hasValue("inline; filename=\"GF-" + YEAR + "-00001.pdf\"");
        assertThat(shop.fetch(shop.server.url("/invoices/inv_nosuchtoken.pdf")).statusCode()).isEqualTo(404);

        // The receipt page and the fan's mail link it too.
        String page = receiptPage(receipt);
        assertThat(page).contains("Invoice GF-" + YEAR + "-00001 (PDF)").contains(invoice.path("url").asText())
                .contains("Includes VAT 19 % (DE): 1.60 EUR; net 8.39 EUR");
        String mail = shop.api.get("/api/admin/outbox", shop.api.adminToken()).json().findValues("body").stream()
                .map(JsonNode::asText).filter(t -> t.contains(invoice.path("url").asText())).findFirst().orElseThrow();
        assertThat(mail).contains("Invoice GF-" + YEAR + "-00001: " + invoice.path("url").asText())
                .contains("Includes VAT 19 % (DE): 1.60 EUR; net 8.39 EUR");
    }

    @Test
    void aBusinessBuyerAddsTheirDetailsAtCheckoutOrLaterAndTheInvoiceShowsThem() {
        TaxShop.Seller seller = invoicingArtist("B2B");
        String release = shop.release(seller, "20.00", null);
        JsonNode receipt = shop.buy(release, Map.of("country", "AT", "buyer",
                Map.of("name", "Kassettendeck GmbH", "address", "Hauptplatz 3\n8010 Graz", "taxId", "ATU12345678")));
        String url = receipt.path("invoice").path("url").asText();
        byte[] first = shop.pdf(url);
        assertThat(TaxShop.text(first)).contains("Kassettendeck GmbH").contains("8010 Graz").contains("ATU12345678")
                .containsPattern("USt 20 % \\(AT\\)\\s+3\\.33 EUR");

        String token = receipt.path("receiptUrl").asText().replaceFirst(".*/receipts/", "");
        HttpResponse<String> saved = shop.send(HttpRequest.newBuilder(URI.create(shop.server.url("/receipts/" + token + "/buyer")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("buyerName=Tonband+KG&buyerAddress=Ring+1%0D%0A1010+Wien&buyerTaxId=ATU99999999")));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(receiptPage(receipt)).contains("value=\"Tonband KG\"").contains("Ring 1\n1010 Wien");
        byte[] second = shop.pdf(url);
        assertThat(second).isNotEqualTo(first);
        assertThat(TaxShop.text(second)).contains("Tonband KG").contains("1010 Wien").contains("ATU99999999")
                .doesNotContain("Kassettendeck");
        assertThat(shop.pdf(url)).isEqualTo(second);
        assertThat(TaxShop.qpdfCheck(second)).contains("No syntax or stream encoding errors found");
    }

    @Test
    void aRefundGetsACreditNoteWithItsOwnNumberReferringToTheInvoice() {
        TaxShop.Seller seller = invoicingArtist("CN");
        String release = shop.release(seller, "9.99", null);
        JsonNode receipt = shop.buy(release, Map.of("country", "DE"));
        Reply refunded = shop.api.post("/api/purchases/" + receipt.path("id").asText() + "/refund", seller.token(), null);
        assertThat(refunded.status()).isEqualTo(200);
        JsonNode credit = refunded.json().path("creditNote");
        assertThat(credit.path("number").asText()).isEqualTo("CN-CN-" + YEAR + "-00001");
        assertThat(refunded.json().path("invoice").path("number").asText()).isEqualTo("CN-" + YEAR + "-00001");
        byte[] pdf = shop.pdf(credit.path("url").asText());
        assertThat(TaxShop.text(pdf)).contains("Credit note").contains("CN-CN-" + YEAR + "-00001")
                .contains("Corrects invoice CN-" + YEAR + "-00001").containsPattern("Total\\s+-9\\.99 EUR")
                .containsPattern("VAT 19 % \\(DE\\)\\s+-1\\.60 EUR");
        assertThat(TaxShop.qpdfCheck(pdf)).contains("No syntax or stream encoding errors found");
        // Refunding again issues nothing more; the next sale takes the next invoice number.
        shop.api.post("/api/purchases/" + receipt.path("id").asText() + "/refund", seller.token(), null);
        assertThat(count("credit_note", seller.id())).isEqualTo(1);
        assertThat(shop.buy(release, Map.of("country", "DE")).path("invoice").path("number").asText())
                .isEqualTo("CN-" + YEAR + "-00002");
        assertThat(receiptPage(receipt)).contains("Credit note CN-CN-" + YEAR + "-00001 (PDF)");
        JsonNode listed = shop.api.get("/api/purchases?release=" + release, seller.token()).json();
        assertThat(listed).hasSize(2);
        assertThat(listed.findValuesAsText("number")).containsExactlyInAnyOrder("CN-" + YEAR + "-00001", "CN-CN-" + YEAR + "-00001",
                "CN-" + YEAR + "-00002");
    }

    @Test
    void checkoutsThatNeverGetPaidTakeNoNumberAndFreeOrGiftedCopiesGetNoInvoice() {
        TaxShop.Seller seller = invoicingArtist("GAP");
        String release = shop.release(seller, "5.00", null);
        assertThat(shop.buy(release, Map.of("country", "DE")).path("invoice").path("number").asText()).isEqualTo("GAP-" + YEAR + "-00001");
        // Left unpaid, then cancelled by the artist; and one left pending until the sweep ends it as expired.
        Reply cancelled = shop.checkout(release, Map.of("country", "DE"));
        shop.api.post("/api/purchases/" + cancelled.text("id") + "/refund", seller.token(), null);
        Reply abandoned = shop.checkout(release, Map.of("country", "DE"));
        shop.server.gatefold.services().sales().abandoned().runOnce(Instant.now().plusSeconds(26 * 3600));
        assertThat(status(abandoned.text("id"))).isEqualTo("expired");
        assertThat(status(cancelled.text("id"))).isEqualTo("refunded");
        assertThat(shop.buy(release, Map.of("country", "AT")).path("invoice").path("number").asText()).isEqualTo("GAP-" + YEAR + "-00002");

        Reply gift = shop.api.post("/api/releases/" + release + "/purchases", seller.token(), Map.of("email", "gift@example.com",
                "source", "gift"));
        assertThat(gift.json().has("invoice")).isFalse();
        Reply offline = shop.api.post("/api/releases/" + release + "/purchases", seller.token(), Map.of("email", "gig@example.com",
                "amount", "12.00", "country", "DE"));
        assertThat(offline.json().path("invoice").path("number").asText()).isEqualTo("GAP-" + YEAR + "-00003");
        assertThat(TaxShop.text(shop.pdf(offline.json().path("invoice").path("url").asText())))
                .containsPattern("VAT 19 % \\(DE\\)\\s+1\\.92 EUR").containsPattern("Total\\s+12\\.00 EUR");
    }

    @Test
    void anArtistWithRatesButInvoicesOffChargesTaxAndIssuesNoInvoice() {
        TaxShop.Seller seller = shop.artist();
        shop.rates(seller, List.of(rate("DE", "19", "VAT")));
        String release = shop.release(seller, "10.00", null);
        JsonNode receipt = shop.buy(release, Map.of("country", "DE"));
        assertThat(receipt.path("tax").path("tax").path("amount").asText()).isEqualTo("1.60");
        assertThat(receipt.has("invoice")).isFalse();
        assertThat(receiptPage(receipt)).doesNotContain("buyerName").doesNotContain("Invoice");
    }

    @Test
    void concurrentSalesOnOneInstanceTakeEveryNumberOnce() throws Exception {
        TaxShop.Seller seller = invoicingArtist("RUSH");
        String release = shop.release(seller, "1.00", null);
        List<Reply> started = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            started.add(shop.checkout(release, Map.of("country", i % 2 == 0 ? "DE" : "AT", "email", "rush" + i + "@example.com")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<JsonNode>> paid = new ArrayList<>();
        for (Reply s : started) {
            paid.add(pool.submit(() -> shop.pay(s)));
        }
        List<Integer> numbers = new ArrayList<>();
        for (Future<JsonNode> f : paid) {
            String number = f.get().path("invoice").path("number").asText();
            numbers.add(Integer.parseInt(number.substring(number.lastIndexOf('-') + 1)));
        }
        pool.shutdown();
        assertThat(numbers).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
    }

    @Test
    void theTaxReportSumsNetAndTaxPerCountryAndRateWithCreditNotesNegative() {
        TaxShop.Seller seller = invoicingArtist("REP");
        String release = shop.release(seller, "9.99", null);
        shop.buy(release, Map.of("country", "DE"));
        JsonNode refunded = shop.buy(release, Map.of("country", "DE"));
        shop.buy(release, Map.of("country", "DE"));
        shop.buy(release, Map.of("country", "AT"));
        shop.buy(release, Map.of("country", "US"));
        shop.api.post("/api/purchases/" + refunded.path("id").asText() + "/refund", seller.token(), null);
        Reply report = shop.api.get("/api/me/tax-report.csv", seller.token());
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate quarter = today.withMonth((today.getMonthValue() - 1) / 3 * 3 + 1).withDayOfMonth(1);
        assertThat(report.raw().headers().firstValue("Content-Disposition").orElse(""))
                .contains("tax-report-" + quarter + "-to-" + quarter.plusMonths(3).minusDays(1) + ".csv");
        assertThat(report.body()).isEqualTo("country,rate,currency,net,tax,invoices,credit_notes\r\n"
                + "AT,20,EUR,8.32,1.67,1,0\r\n"
                + "DE,19,EUR,16.78,3.20,3,1\r\n"
                + "US,0,EUR,9.99,0.00,1,0\r\n");
        String lastYear = shop.api.get("/api/me/tax-report.csv?from=2001-01-01&to=2001-12-31", seller.token()).body();
        assertThat(lastYear).isEqualTo("country,rate,currency,net,tax,invoices,credit_notes\r\n");
        assertThat(shop.api.get("/api/me/tax-report.csv?from=2026-13-01", seller.token()).status()).isEqualTo(422);
    }

    @Test
    void theFansLibraryLinksEachInvoice() {
        TaxShop.Seller seller = invoicingArtist("LIB");
        String release = shop.release(seller, "6.00", null);
        String email = "collector" + System.nanoTime() + "@example.com";
        String invoiceUrl = shop.buy(release, Map.of("country", "DE", "email", email)).path("invoice").path("url").asText();
        assertThat(shop.api.post("/library", null, Map.of("email", email)).status()).isEqualTo(202);
        String link = await().atMost(Duration.ofSeconds(10)).until(() -> signInLink(email),
                Objects::nonNull);
        HttpResponse<String> signedIn = SignInLinks.follow(shop::send,
                URI.create(shop.server.url(URI.create(link).getPath())));
        String cookie = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("gatefold_library="))
                .findFirst().orElseThrow();
        cookie = cookie.substring(0, cookie.indexOf(';'));
        String html = shop.send(HttpRequest.newBuilder(URI.create(shop.server.url("/library"))).header("Cookie", cookie)
                .header("Accept", "text/html")).body();
        assertThat(html).contains("href=\"" + invoiceUrl + "\"").contains("Invoice LIB-" + YEAR + "-00001");
        String json = shop.send(HttpRequest.newBuilder(URI.create(shop.server.url("/library"))).header("Cookie", cookie)
                .header("Accept", "application/json")).body();
        assertThat(json).contains("\"invoice\":{\"number\":\"LIB-" + YEAR + "-00001\",\"url\":\"" + invoiceUrl + "\"}");
    }

    static String signInLink(String email) {
        for (JsonNode mail : shop.api.get("/api/admin/outbox", shop.api.adminToken()).json()) {
            Matcher m = Pattern.compile("https?://\\S+/library/signin/\\S+")
                    .matcher(mail.path("body").asText());
            if (mail.path("to").asText().equals(email) && m.find()) {
                return m.group();
            }
        }
        return null;
    }

    static String receiptPage(JsonNode receipt) {
        HttpResponse<String> page = shop.send(HttpRequest.newBuilder(URI.create(receipt.path("receiptUrl").asText()))
                .header("Accept", "text/html"));
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    static String status(String purchaseId) {
        return shop.server.gatefold.database().jdbi().withHandle(h -> h.createQuery("SELECT status FROM purchases WHERE id = :id")
                .bind("id", purchaseId).mapTo(String.class).one());
    }

    static int count(String kind, String artistId) {
        return shop.server.gatefold.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM invoices WHERE kind = :k AND artist_id = :a").bind("k", kind).bind("a", artistId)
                .mapTo(Integer.class).one());
    }
}
