package gatefold.server.sales;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SalesReportTest {

    @Test
    void totalsNeverMixCurrenciesAndTheCsvIsSafeForSpreadsheets() {
        try (TestServer server = TestServer.start()) {
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Reporter", "reporter@example.com").token();
            String euro = api.newRelease(token, Map.of("title", "=HYPERLINK(\"http://evil\")", "kind", "other", "pricing", "fixed", "price", "7.00"));
            String dollar = api.newRelease(token, Map.of("title", "Dollars, \"quoted\"", "kind", "other", "pricing", "fixed",
                    "price", Map.of("amount", "5.00", "currency", "USD")));
            api.post("/api/releases/" + euro + "/purchases", token, Map.of("email", "a@example.com", "amount", "7.00"));
            api.post("/api/releases/" + euro + "/purchases", token, Map.of("email", "b@example.com", "amount", "3.50"));
            api.post("/api/releases/" + dollar + "/purchases", token, Map.of("email", "c@example.com", "amount", "5.00"));
            String refunded = api.post("/api/releases/" + dollar + "/purchases", token, Map.of("email", "d@example.com", "amount", "5.00")).text("id");
            api.post("/api/purchases/" + refunded + "/refund", token, null);

            JsonNode totals = api.get("/api/sales/totals", token).json();
            assertThat(totals.path("perCurrency").toString()).contains("\"currency\":\"EUR\"").contains("\"amount\":\"10.50\"")
                    .contains("\"currency\":\"USD\"").contains("\"amount\":\"5.00\"");
            assertThat(totals.path("perRelease")).hasSize(2);

            assertThat(api.get("/api/purchases?status=refunded", token).json()).hasSize(1);
            assertThat(api.get("/api/purchases?release=" + euro, token).json()).hasSize(2);
            assertThat(api.get("/api/purchases?email=C@example.com", token).json()).hasSize(1);
            assertThat(api.get("/api/purchases?from=2999-01-01", token).json()).isEmpty();
            assertThat(api.get("/api/purchases?status=maybe", token).status()).isEqualTo(422);
            assertThat(api.get("/api/purchases?from=yesterday", token).status()).isEqualTo(422);

            ApiClient.Reply csv = api.get("/api/purchases.csv", token);
            assertThat(csv.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
            assertThat(csv.body().split("\r\n")).hasSize(5);
            assertThat(csv.body()).contains("'=HYPERLINK").contains("\"Dollars, \"\"quoted\"\"\"");
            String other = api.newArtist("Other", "other@example.com").token();
            assertThat(api.get("/api/purchases.csv", other).body().split("\r\n")).hasSize(1);
            assertThat(api.get("/api/sales/totals", null).status()).isEqualTo(401);
        }
    }
}
