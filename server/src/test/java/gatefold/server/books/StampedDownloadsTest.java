package gatefold.server.books;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A book release sold through the real server: every buyer's download is their own stamped copy. */
class StampedDownloadsTest {

    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    @RegisterExtension
    static final TestServer server = TestServer.start();
    static final ApiClient api = new ApiClient(server);
    static int counter;

    @TempDir
    static Path dir;

    /** A published book release with a 12-page PDF and an EPUB 3, both prepared. */
    record Book(String token, String release, byte[] pdf, String pdfId, String epubId) {
    }

    static Book publishedBook(TestServer on, ApiClient client) throws Exception {
        counter++;
        String token = client.newArtist("Writer " + counter, "writer" + counter + "@example.com").token();
        String release = client.newRelease(token, Map.of("title", "Small Hours", "kind", "book", "pricing", "fixed", "price", "5.00"));
        Path pdf = TestPdfs.book(dir.resolve("book" + counter + ".pdf"), 12);
        Path epub = TestEpubs.epub3(dir.resolve("book" + counter + ".epub"), true);
        String pdfId = upload(client, token, release, "small-hours.pdf", pdf);
        String epubId = upload(client, token, release, "small-hours.epub", epub);
        awaitStatus(client, token, release, "ready", "ready");
        assertThat(client.post("/api/releases/" + release + "/publish", token, null).status()).isEqualTo(200);
        return new Book(token, release, Files.readAllBytes(pdf), pdfId, epubId);
    }

    static String upload(ApiClient client, String token, String release, String name, Path file) throws Exception {
        Reply put = client.put("/api/releases/" + release + "/files/" + name, token, HttpRequest.BodyPublishers.ofFile(file));
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        return put.text("id");
    }

    static JsonNode awaitStatus(ApiClient client, String token, String release, String... statuses) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last[0] = client.get("/api/releases/" + release + "/stamping", token).json();
            assertThat(last[0].path("files").findValuesAsText("status")).containsExactly(statuses);
        });
        return last[0];
    }

    static JsonNode buy(ApiClient client, Book book, String email) {
        Reply purchase = client.post("/api/releases/" + book.release() + "/purchases", book.token(), Map.of("email", email));
        assertThat(purchase.status()).as(purchase.body()).isEqualTo(201);
        return purchase.json();
    }

    static String link(JsonNode purchase, String fileId) {
        for (JsonNode download : purchase.path("downloads")) {
            if (download.path("fileId").asText().equals(fileId)) {
                return download.path("url").asText();
            }
        }
        throw new AssertionError("no download of " + fileId + " in " + purchase);
    }

    static HttpResponse<byte[]> fetch(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void everyPageOfTheDownloadedPdfNamesItsBuyerAndQpdfFindsNoFault() throws Exception {
        Book book = publishedBook(server, api);
        JsonNode ada = buy(api, book, "ada@example.com");
        HttpResponse<byte[]> res = fetch(link(ada, book.pdfId()));

        assertThat(res.statusCode()).isEqualTo(200);
        byte[] copy = res.body();
        assertThat(res.headers().firstValue("Content-Length")).hasValue(Integer.toString(copy.length));
        assertThat(copy.length).isGreaterThan(book.pdf().length);
        assertThat(Arrays.copyOf(copy, book.pdf().length)).as("the original's bytes come first, untouched").isEqualTo(book.pdf());
        Path saved = Files.write(dir.resolve("ada-" + counter + ".pdf"), copy);
        PdfTools.assertQpdfClean(saved);
        List<String> pages = PdfTools.pagesText(saved);
        assertThat(pages).hasSize(12);
        String order = ada.path("id").asText();
        for (int i = 0; i < pages.size(); i++) {
            assertThat(pages.get(i)).as("page %d", i + 1).contains("ada@example.com").contains(order)
                    .contains("Chapter text on page " + (i + 1));
        }
        assertThat(ada.path("downloads").findValues("size").stream().map(JsonNode::asLong))
                .as("the purchase tells the copy's size").contains((long) copy.length);
    }

    @Test
    void fiveRangesInRandomOrderJoinToTheWholeDownloadAndTheSamePurchaseGetsTheSameBytes() throws Exception {
        Book book = publishedBook(server, api);
        String link = link(buy(api, book, "ranges@example.com"), book.pdfId());
        HttpResponse<byte[]> whole = fetch(link);
        byte[] bytes = whole.body();
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        assertThat(fetch(link).body()).as("deterministic").isEqualTo(bytes);

        Random random = new Random(7);
        List<Integer> cuts = new ArrayList<>(List.of(0, bytes.length));
        while (cuts.size() < 6) {
            int cut = 1 + random.nextInt(bytes.length - 1);
            if (!cuts.contains(cut)) {
                cuts.add(cut);
            }
        }
        Collections.sort(cuts);
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4));
        Collections.shuffle(order, random);
        byte[][] pieces = new byte[5][];
        for (int i : order) {
            HttpResponse<byte[]> part = fetch(link, "Range", "bytes=" + cuts.get(i) + "-" + (cuts.get(i + 1) - 1), "If-Range", etag);
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.headers().firstValue("Content-Range"))
                    .hasValue("bytes " + cuts.get(i) + "-" + (cuts.get(i + 1) - 1) + "/" + bytes.length);
            pieces[i] = part.body();
        }
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            joined.writeBytes(piece);
        }
        assertThat(joined.toByteArray()).isEqualTo(bytes);
        HttpResponse<byte[]> beyond = fetch(link, "Range", "bytes=" + bytes.length + "-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + bytes.length);
    }

    @Test
    void twoPurchasesGetTwoCopiesAndARefundStopsEveryLinkOfItsPurchase() throws Exception {
        Book book = publishedBook(server, api);
        JsonNode ada = buy(api, book, "ada@example.com");
        JsonNode grace = buy(api, book, "grace@example.com");
        HttpResponse<byte[]> adaPdf = fetch(link(ada, book.pdfId()));
        HttpResponse<byte[]> gracePdf = fetch(link(grace, book.pdfId()));
        assertThat(gracePdf.body()).hasSameSizeAs(adaPdf.body()).isNotEqualTo(adaPdf.body());
        assertThat(gracePdf.headers().firstValue("ETag")).isNotEqualTo(adaPdf.headers().firstValue("ETag"));

        String album = ada.path("albums").get(0).path("url").asText();
        assertThat(fetch(album).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/purchases/" + ada.path("id").asText() + "/refund", book.token(), null).status()).isEqualTo(200);
        for (String url : List.of(link(ada, book.pdfId()), link(ada, book.epubId()), album)) {
            assertThat(fetch(url).statusCode()).as(url).isEqualTo(410);
        }
        assertThat(fetch(link(grace, book.epubId())).statusCode()).isEqualTo(200);
    }

    @Test
    void theStampedEpubPassesEpubcheckAndTheZipHoldsTheBuyersCopies() throws Exception {
        Book book = publishedBook(server, api);
        JsonNode fan = buy(api, book, "reader@example.com");
        byte[] epub = fetch(link(fan, book.epubId())).body();
        Path saved = Files.write(dir.resolve("reader-" + counter + ".epub"), epub);
        assertThat(Epubcheck.problems(saved)).isEmpty();
        assertThat(entries(epub).values().stream().anyMatch(text -> new String(text, java.nio.charset.StandardCharsets.UTF_8)
                .contains("reader@example.com"))).as("the buyer is named inside the EPUB").isTrue();
        byte[] pdf = fetch(link(fan, book.pdfId())).body();

        JsonNode album = fan.path("albums").get(0);
        assertThat(album.path("label").asText()).isEqualTo("All files");
        assertThat(album.path("format").asText()).isEqualTo("all");
        HttpResponse<byte[]> zip = fetch(album.path("url").asText());
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(album.path("size").asLong()).as("the purchase tells the zip's size").isEqualTo(zip.body().length);
        Map<String, byte[]> files = entries(zip.body());
        assertThat(files.get("small-hours.pdf")).isEqualTo(pdf);
        assertThat(files.get("small-hours.epub")).isEqualTo(epub);
    }

    @Test
    void aFileWithStampingOffIsServedAsUploaded() throws Exception {
        Book book = publishedBook(server, api);
        Reply off = api.patch("/api/releases/" + book.release() + "/stamping", book.token(),
                Map.of("files", Map.of(book.pdfId(), false)));
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.json().path("files").findValuesAsText("status")).containsExactly("off", "ready");
        assertThat(fetch(link(buy(api, book, "plain@example.com"), book.pdfId())).body()).isEqualTo(book.pdf());
    }

    @Test
    void theArtistsWordingIsStampedAndWordingWithoutTheBuyerIsRefused() throws Exception {
        Book book = publishedBook(server, api);
        Reply bad = api.patch("/api/releases/" + book.release() + "/stamping", book.token(), Map.of("wording", "Thank you!"));
        assertThat(bad.status()).isEqualTo(422);
        Reply good = api.patch("/api/releases/" + book.release() + "/stamping", book.token(),
                Map.of("wording", "Personal copy of EMAIL, bought DATE"));
        assertThat(good.status()).as(good.body()).isEqualTo(200);
        assertThat(good.json().path("wording").asText()).isEqualTo("Personal copy of EMAIL, bought DATE");
        byte[] copy = fetch(link(buy(api, book, "worded@example.com"), book.pdfId())).body();
        List<String> pages = PdfTools.pagesText(Files.write(dir.resolve("worded-" + counter + ".pdf"), copy));
        assertThat(pages.get(0)).contains("Personal copy of worded@example.com, bought");
    }

    @Test
    void aPdfThatNeedsAPasswordToOpenIsReportedAtUploadAndBlocksPublishingUntilStampingIsOff() throws Exception {
        String token = api.newArtist("Locked Writer", "locked@example.com").token();
        String release = api.newRelease(token, Map.of("title", "Locked", "kind", "book", "pricing", "fixed", "price", "5.00"));
        String fileId = upload(api, token, release, "locked.pdf", TestPdfs.userPassword(dir.resolve("locked.pdf")));
        JsonNode status = awaitStatus(api, token, release, "failed");
        assertThat(status.path("files").get(0).path("reason").asText()).contains("password");

        Reply publish = api.post("/api/releases/" + release + "/publish", token, null);
        assertThat(publish.status()).isEqualTo(409);
        assertThat(publish.json().path("message").asText()).contains("locked.pdf").contains("password");
        api.patch("/api/releases/" + release + "/stamping", token, Map.of("files", Map.of(fileId, false)));
        assertThat(api.post("/api/releases/" + release + "/publish", token, null).status()).isEqualTo(200);
    }

    @Test
    void inRedirectModeAStampedBookIsStreamedNeverHandedOutAsTheStoresFile() throws Exception {
        try (TestServer redirecting = TestServer.start(Map.of("GATEFOLD_DELIVERY", "redirect"))) {
            ApiClient client = new ApiClient(redirecting);
            Book book = publishedBook(redirecting, client);
            JsonNode fan = buy(client, book, "redirect@example.com");
            for (String fileId : List.of(book.pdfId(), book.epubId())) {
                HttpResponse<byte[]> res = fetch(link(fan, fileId));
                assertThat(res.statusCode()).isEqualTo(200);
                assertThat(res.headers().firstValue("Location")).isEmpty();
                assertThat(new String(res.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("redirect@example.com");
            }
        }
    }

    @Test
    void onS3TheCopyIsCutFromTheStoresBytesAndStreamedInRedirectMode() throws Exception {
        gatefold.storage.S3ProxyServer s3 = gatefold.storage.S3ProxyServer.shared();
        Map<String, String> env = Map.of("GATEFOLD_STORE", "s3", "GATEFOLD_S3_ENDPOINT", s3.endpoint().toString(),
                "GATEFOLD_S3_BUCKET", s3.createFreshBucket(), "GATEFOLD_S3_ACCESS_KEY", s3.accessKey(),
                "GATEFOLD_S3_SECRET_KEY", s3.secretKey());
        try (TestServer onS3 = TestServer.start(env)) {
            ApiClient client = new ApiClient(onS3);
            Book book = publishedBook(onS3, client);
            JsonNode fan = buy(client, book, "s3-reader@example.com");
            HttpResponse<byte[]> pdf = fetch(link(fan, book.pdfId()));
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(Arrays.copyOf(pdf.body(), book.pdf().length)).isEqualTo(book.pdf());
            List<String> pages = PdfTools.pagesText(Files.write(dir.resolve("s3-" + counter + ".pdf"), pdf.body()));
            assertThat(pages).hasSize(12).allSatisfy(page -> assertThat(page).contains("s3-reader@example.com"));
            HttpResponse<byte[]> epub = fetch(link(fan, book.epubId()));
            assertThat(epub.statusCode()).isEqualTo(200);
            HttpResponse<byte[]> tail = fetch(link(fan, book.epubId()), "Range", "bytes=100-");
            assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(epub.body(), 100, epub.body().length));
            assertThat(entries(epub.body())).containsKey("mimetype");
        }
    }

    @Test
    void onPostgresqlTheSameBookIsPreparedAndStampedPerBuyer() throws Exception {
        try (TestServer onPostgres = TestServer.startOnPostgres()) {
            ApiClient client = new ApiClient(onPostgres);
            Book book = publishedBook(onPostgres, client);
            JsonNode fan = buy(client, book, "pg-reader@example.com");
            HttpResponse<byte[]> pdf = fetch(link(fan, book.pdfId()));
            assertThat(pdf.statusCode()).isEqualTo(200);
            List<String> pages = PdfTools.pagesText(Files.write(dir.resolve("pg-" + counter + ".pdf"), pdf.body()));
            assertThat(pages).hasSize(12).allSatisfy(page -> assertThat(page).contains("pg-reader@example.com")
                    .contains(fan.path("id").asText()));
            assertThat(fetch(fan.path("albums").get(0).path("url").asText()).statusCode()).isEqualTo(200);
        }
    }

    static Map<String, byte[]> entries(byte[] zip) throws Exception {
        Map<String, byte[]> out = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }
}
