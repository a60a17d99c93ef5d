package gatefold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.TestServer;
import gatefold.server.mail.TestShop;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Buyers from another shop through the dashboard, without JavaScript: a messy CSV (byte-order mark,
 * semicolons, a quoted comma, a decimal comma, a bad address, a repeated buyer, another currency,
 * an email column nothing could guess) shows its columns and first rows; the artist says which
 * column is the email, sees the bad row by its line, and imports the good ones.
 */
class DashboardBuyerImportTest {

    @RegisterExtension
    static final TestServer server = TestServer.start(TestShop.TEST_PAYMENTS);
    static final TestShop shop = new TestShop(server);
    static final String CSV = "\uFEFFBuyer;Contact;Order date;Item total;Currency;Note\r\n"
            + "\"Ann, the Fan\";ann@example.com;2024-03-01;\"7,50\";EUR;first\r\n"
            + "Bob;bob@example;2024-03-02;5.00;EUR;\r\n"
            + "Cy;CY@Example.com;2024-03-03;3.00;USD;\r\n"
            + "\"Ann, the Fan\";ann@example.com;2024-03-04;1.00;EUR;again\r\n";

    @Test
    void aMessyCsvShowsItsColumnsTheArtistConfirmsAndTheGoodBuyersGetTheRelease() {
        TestShop.Seller seller = shop.artist("Arriving Band");
        TestShop.Seller other = shop.artist("Other Arriving Band");
        TestShop.Published release = shop.release(seller, "Back Catalogue", "fixed");
        DashboardBrowser browser = new DashboardBrowser(server);
        assertThat(browser.signIn(seller.email(), "correct horse battery").statusCode()).isEqualTo(303);
        HttpResponse<String> moving = browser.get("/dashboard/moving");
        assertThat(moving.statusCode()).isEqualTo(200);
        assertThat(moving.body()).contains("enctype=\"multipart/form-data\"").contains("Back Catalogue").doesNotContain("<script");

        HttpResponse<String> shown = upload(browser, release.id(), CSV);
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        String page = shown.body();
        assertThat(page).contains("Contact").contains("Order date").contains("ann@example.com").contains("Ann, the Fan")
                .contains("No column looks like the buyers' email");
        assertThat(selected(page, 2)).isEqualTo("date");
        assertThat(selected(page, 3)).isEqualTo("amount");
        assertThat(selected(page, 0)).isEqualTo("name");
        assertThat(selected(page, 1)).isEmpty();
        String action = action(page);
        assertThat(shop.count("SELECT COUNT(*) FROM entitlements WHERE release_id = '" + release.id() + "'")).isZero();

        // The artist says Contact is the email, and that the note means nothing.
        List<Map.Entry<String, String>> form = form(page, "check", false);
        HttpResponse<String> checked = browser.post(action, form);
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
        assertThat(selected(checked.body(), 1)).isEqualTo("email");
        assertThat(checked.body()).containsPattern("line 3: (&#34;|\")bob@example(&#34;|\") is not an email address").contains("1 repeated");

        DashboardBrowser stranger = new DashboardBrowser(server);
        assertThat(stranger.signIn(other.email(), "correct horse battery").statusCode()).isEqualTo(303);
        List<Map.Entry<String, String>> stolen = new ArrayList<>(form(page, "import", true));
        stolen.removeIf(e -> e.getKey().equals("csrf"));
        stolen.add(Map.entry("csrf", DashboardBrowser.csrfOf(stranger.get("/dashboard/moving").body())));
        assertThat(stranger.post(action, stolen).statusCode()).isEqualTo(404);

        HttpResponse<String> stopped = browser.post(action, form(page, "import", false));
        assertThat(stopped.statusCode()).isEqualTo(422);
        assertThat(stopped.body()).contains("nothing was imported").contains("line 3:");
        assertThat(shop.count("SELECT COUNT(*) FROM entitlements WHERE release_id = '" + release.id() + "'")).isZero();

        HttpResponse<String> imported = browser.post(action, form(page, "import", true));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(imported.body()).contains("2 buyer(s) imported").contains("line 3:");
        assertThat(shop.count("SELECT COUNT(*) FROM entitlements WHERE release_id = '" + release.id()
                + "' AND email IN ('ann@example.com', 'cy@example.com') AND status = 'confirmed'")).isEqualTo(2);
        assertThat(shop.count("SELECT COUNT(*) FROM purchases WHERE release_id = '" + release.id()
                + "' AND email = 'cy@example.com' AND currency = 'USD' AND amount_minor = 300")).isEqualTo(1);
        assertThat(browser.post(action, form(page, "import", true)).statusCode()).as("the file is forgotten once imported")
                .isEqualTo(404);
    }

    private static List<Map.Entry<String, String>> form(String page, String step, boolean skipBad) {
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry("csrf", DashboardBrowser.csrfOf(page)));
        form.add(Map.entry("preset", ""));
        form.add(Map.entry("meaning.0", "name"));
        form.add(Map.entry("meaning.1", "email"));
        form.add(Map.entry("meaning.2", "date"));
        form.add(Map.entry("meaning.3", "amount"));
        form.add(Map.entry("meaning.4", "currency"));
        form.add(Map.entry("meaning.5", ""));
        if (skipBad) {
            form.add(Map.entry("skipBad", "true"));
        }
        form.add(Map.entry("step", step));
        return form;
    }

    /** The meaning selected for column {@code n} in the page's form ("" for none). */
    private static String selected(String page, int n) {
        Matcher select = Pattern.compile("name=\"meaning\\." + n + "\">(.*?)</select>", Pattern.DOTALL).matcher(page);
        assertThat(select.find()).as("column " + n + " in " + page).isTrue();
        Matcher option = Pattern.compile("<option value=\"([^\"]*)\" selected").matcher(select.group(1));
        return option.find() ? option.group(1) : "";
    }

    private static String action(String page) {
        Matcher m = Pattern.compile("action=\"(/dashboard/moving/buyers/[^\"]+)\"").matcher(page);
        assertThat(m.find()).as(page).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> upload(DashboardBrowser browser, String releaseId, String csv) {
        String csrf = DashboardBrowser.csrfOf(browser.get("/dashboard/moving").body());
        String boundary = "gatefoldbuyers";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = part(boundary, "csrf", csrf) + part(boundary, "releaseId", releaseId) + part(boundary, "preset", "")
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"sales.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(csv.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return server.send(HttpRequest.newBuilder(URI.create(server.url("/dashboard/moving/buyers")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary), browser.headers("text/html"));
    }

    private static String part(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }
}
