package gatefold.server.moving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Buyers from another shop's CSV get the release in their library here; bad rows are named by line. */
class BuyerImportTest {

    private static final String MESSY = "\uFEFFE-Mail;Purchase Date;Amount;Currency;Name\r\n"
            + "ada@example.com;2023-04-01;9,50;EUR;\"Lovelace; Ada\"\r\n"
            + "\"bob@example.com\";2023-04-02T10:00:00Z;\"1.234,50\";SEK;Bob\r\n"
            + "not-an-email;2023-04-03;5;EUR;Nobody\r\n"
            + "ADA@example.com;2023-05-01;3;EUR;Ada again\r\n"
            + "carol@example.com;yesterday-ish;5;EUR;Carol\r\n"
            + "dave@example.com;2023-04-04;12.345;EUR;Dave\r\n"
            + "erin@example.com;2023-04-05\r\n"
            + "\r\n"
            + "frank@example.com;2023-04-06;7;JPY;\"Frank \"\"$(rm -rf /)\"\" Multi\nline\"\r\n";

    private static TestServer server;
    private static ApiClient api;
    private static ApiClient.NewArtist artist;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
        artist = api.newArtist("Arriving Band", "arriving@example.com");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void badRowsAreListedByLineAndStopTheFileUntilSkipped() {
        String release = api.newRelease(artist.token(), Map.of("title", "From Elsewhere", "kind", "other", "pricing", "free"));
        Reply stopped = post(release, "", MESSY);
        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(422);
        assertThat(stopped.text("error")).isEqualTo("bad_rows");
        assertThat(lines(stopped)).containsExactly(4, 6, 7, 8);
        assertThat(stopped.json().path("columns").path("email").asText()).isEqualTo("E-Mail");
        assertThat(stopped.json().path("columns").path("date").asText()).isEqualTo("Purchase Date");
        assertThat(purchases(release)).isEmpty();

        Reply imported = post(release, "skipBad=true&mail=true", MESSY);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().path("imported").asInt()).isEqualTo(3);
        assertThat(imported.json().path("duplicates").asInt()).isEqualTo(1);
        List<JsonNode> bought = purchases(release);
        assertThat(bought).extracting(p -> p.path("email").asText())
                .containsExactlyInAnyOrder("ada@example.com", "bob@example.com", "frank@example.com");
        JsonNode bob = bought.stream().filter(p -> p.path("email").asText().startsWith("bob")).findFirst().orElseThrow();
        assertThat(bob.path("amount").path("amount").asText()).isEqualTo("1234.50");
        assertThat(bob.path("amount").path("currency").asText()).isEqualTo("SEK");
        assertThat(bob.path("status").asText()).isEqualTo("confirmed");
        assertThat(bob.path("source").asText()).isEqualTo("import");
        assertThat(bob.path("createdAt").asText()).startsWith("2023-04-02T10:00");
        List<String> mailed = server.gatefold.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT to_address FROM mail_outbox WHERE subject LIKE '%From Elsewhere%'").mapTo(String.class).list());
        assertThat(mailed).containsExactlyInAnyOrder("ada@example.com", "bob@example.com", "frank@example.com");

        Reply again = post(release, "skipBad=true&mail=true", MESSY);
        assertThat(again.json().path("imported").asInt()).isZero();
        assertThat(again.json().path("alreadyHad").asInt()).isEqualTo(3);
        assertThat(purchases(release)).hasSize(3);
    }

    @Test
    void aBandcampSalesReportMapsByItsPreset() {
        String release = api.newRelease(artist.token(), Map.of("title", "Bandcamp Era", "kind", "other", "pricing", "free"));
        String report = "date,paid to,item type,item name,artist,currency,item price,quantity,sub total,item total,"
                + "buyer name,buyer email\n"
                + "1/21/23 7:45pm,paypal,album,Bandcamp Era,Arriving Band,USD,10.00,1,10.00,10.00,Gil,gil@example.com\n"
                + "12/3/22 11:02am,paypal,album,Bandcamp Era,Arriving Band,GBP,8.00,1,8.00,8.00,\"Hal, Jr.\",hal@example.com\n"
                + "12/5/22 9:00am,paypal,payout,,,USD,,,,-18.00,,\n"
                + "12/6/22 9:00am,paypal,refund,Bandcamp Era,Arriving Band,GBP,,,,-8.00,\"Hal, Jr.\",hal@example.com\n";
        Reply dry = post(release, "preset=bandcamp&dryRun=true", report);
        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json().path("columns").path("amount").asText()).isEqualTo("item total");
        // The payout has no buyer and the refund is not a sale: skipped and counted, not bad rows that stop the file.
        assertThat(dry.json().path("problems")).isEmpty();
        assertThat(dry.json().path("notSales").asInt()).isEqualTo(2);
        assertThat(purchases(release)).isEmpty();
        Reply done = post(release, "preset=bandcamp", report);
        assertThat(done.json().path("imported").asInt()).as(done.toString()).isEqualTo(2);
        JsonNode gil = purchases(release).stream().filter(p -> p.path("email").asText().startsWith("gil")).findFirst().orElseThrow();
        assertThat(gil.path("createdAt").asText()).startsWith("2023-01-21T19:45");
        assertThat(gil.path("amount").path("amount").asText()).isEqualTo("10.00");
    }

    @Test
    void aShopifyOrdersExportMapsByItsPresetAndKeepsOnlyPaidOrders() {
        String release = api.newRelease(artist.token(), Map.of("title", "Shopify Era", "kind", "other", "pricing", "free"));
        // One row per line item; order fields only on an order's first row. Name is the order number, not the buyer.
        String export = "Name,Email,Financial Status,Paid at,Fulfillment Status,Currency,Subtotal,Total,Billing Name\n"
                + "#1001,ivy@example.com,paid,2025-10-07 09:50:26 +0200,fulfilled,EUR,53.91,53.91,Ivy Example\n"
                + "#1001,ivy@example.com,,,,,,,\n"
                + "#1002,jon@example.com,refunded,2025-10-08 10:00:00 +0200,,EUR,9.00,9.00,Jon\n"
                + "#1003,kim@example.com,pending,,,EUR,5.00,5.00,Kim\n";
        Reply done = post(release, "preset=shopify", export);
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().path("columns").path("name").asText()).isEqualTo("Billing Name");
        assertThat(done.json().path("imported").asInt()).isEqualTo(1);
        assertThat(done.json().path("notSales").asInt()).isEqualTo(3);
        JsonNode ivy = purchases(release).get(0);
        assertThat(ivy.path("email").asText()).isEqualTo("ivy@example.com");
        assertThat(ivy.path("createdAt").asText()).startsWith("2025-10-07T07:50:26");
        assertThat(ivy.path("amount").path("amount").asText()).isEqualTo("53.91");
        assertThat(post(release, "preset=shopify", export).json().path("imported").asInt()).isZero();
    }

    @Test
    void anotherArtistsReleaseIsNotFound() {
        ApiClient.NewArtist other = api.newArtist("Other Band", "other-band@example.com");
        String theirs = api.newRelease(other.token(), Map.of("title", "Theirs", "kind", "other", "pricing", "free"));
        assertThat(post(theirs, "", "email\nx@example.com\n").status()).isEqualTo(404);
    }

    private static Reply post(String release, String query, String csv) {
        return api.exchange(HttpRequest.newBuilder(URI.create(server.url("/api/releases/" + release + "/buyers?" + query)))
                .header("Authorization", "Bearer " + artist.token()).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)));
    }

    private static List<Integer> lines(Reply reply) {
        List<Integer> lines = new ArrayList<>();
        reply.json().path("problems").forEach(p -> lines.add(p.path("line").asInt()));
        return lines;
    }

    private static List<JsonNode> purchases(String release) {
        List<JsonNode> out = new ArrayList<>();
        api.get("/api/purchases?release=" + release, artist.token()).json().forEach(out::add);
        return out;
    }
}
