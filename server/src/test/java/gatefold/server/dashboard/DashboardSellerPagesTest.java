package gatefold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The taxes page: the seller profile form, rates pasted as CSV, and the tax report's download, without JavaScript. */
class DashboardSellerPagesTest {

    static TestServer server;
    static ApiClient api;
    static ApiClient.NewArtist owner;
    static DashboardBrowser browser;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of());
        api = new ApiClient(server);
        owner = api.newArtist("Tax Page Band", "taxpage@example.com");
        browser = new DashboardBrowser(server);
        assertThat(browser.signIn("taxpage@example.com", "correct horse battery").statusCode()).isEqualTo(303);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theProfileFormSavesWhatTheApiReadsAndARefusedOneSaysWhy() {
        HttpResponse<String> page = browser.get("/dashboard/seller");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Taxes and invoices").contains("name=\"legalName\"").contains("value=\"INV\"")
                .contains("aria-current=\"page\">Taxes</a>");
        HttpResponse<String> refused = browser.submit("/dashboard/seller", "/dashboard/seller", Map.of("invoices", "on",
                "legalName", "Page Band Ltd"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Invoices need your");
        HttpResponse<String> saved = browser.submit("/dashboard/seller", "/dashboard/seller", Map.of("legalName", "Page Band Ltd",
                "address", "1 High Street\r\nLeeds", "taxId", "GB123", "invoicePrefix", "PB", "invoices", "on",
                "pricesIncludeTax", "on"));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("Saved.");
        assertThat(api.get("/api/me/seller", owner.token()).json().toString()).isEqualTo("{\"legalName\":\"Page Band Ltd\","
                + "\"address\":\"1 High Street\\nLeeds\",\"taxId\":\"GB123\",\"invoicePrefix\":\"PB\",\"invoices\":true,"
                + "\"pricesIncludeTax\":true,\"stripeAutomaticTax\":false}");
    }

    @Test
    void ratesArePastedAsCsvAndABadLineIsNamedWithNothingChanged() {
        HttpResponse<String> saved = browser.submit("/dashboard/seller", "/dashboard/seller/rates", Map.of("rates",
                "country,rate,label\nDE,19,VAT\nAT,20,USt\n"));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("Saved 2 rate(s).").contains("AT,20,USt\nDE,19,VAT");
        HttpResponse<String> refused = browser.submit("/dashboard/seller", "/dashboard/seller/rates", Map.of("rates",
                "DE,19,VAT\nZZ,5,VAT\n"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("line 2: ").contains("No rate was changed.").contains("ZZ,5,VAT");
        assertThat(api.get("/api/me/tax-rates", owner.token()).json()).hasSize(2);
        assertThat(browser.submit("/dashboard/seller", "/dashboard/seller/rates", Map.of("rates", "DE,19")).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/me/tax-rates", owner.token()).body()).isEqualTo("[{\"country\":\"DE\",\"rate\":\"19\",\"label\":\"VAT\"}]");
    }

    @Test
    void theReportDownloadsWithTheSessionCookie() {
        String page = browser.get("/dashboard/seller").body();
        assertThat(page).contains("action=\"/api/me/tax-report.csv\"");
        HttpResponse<String> report = browser.get("/api/me/tax-report.csv?from=2026-01-01&to=2026-03-31");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).startsWith("country,rate,currency,net,tax,invoices,credit_notes");
    }
}
