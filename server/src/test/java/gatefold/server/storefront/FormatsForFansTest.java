package gatefold.server.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import gatefold.server.ApiClient;
import gatefold.server.OsTool;
import gatefold.server.TestServer;
import gatefold.server.common.ByteSizes;
import gatefold.server.library.SignInLinks;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a fan sees of a music release's formats, with real ffmpeg over real HTTP: the formats
 * and the album's size in each before buying; on the receipt, in the library and in the embed
 * one album button per format that downloads that format's zip, and every track in each
 * format; and the format they chose listed first afterwards, in the mail too.
 */
class FormatsForFansTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withPerMethodLifecycle(false);
    static final String TITLE = "Norrsken \"<script>alert(1)</script>\"";
    static final Pattern BUTTON = Pattern.compile("<button type=\"submit\" name=\"format\" value=\"([^\"]+)\">");
    static TestServer server;
    static MusicShop shop;
    static MusicShop.Album album;
    static MusicShop.Album second;

    @BeforeAll
    static void start() {
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        server = TestServer.start(Map.of("GATEFOLD_TRANSCODE_WORKERS", "2",
                "GATEFOLD_SMTP_HOST", "127.0.0.1", "GATEFOLD_SMTP_PORT", Integer.toString(SMTP.getSmtp().getPort()),
                "GATEFOLD_SMTP_FROM", "shop@example.com", "GATEFOLD_SMTP_STARTTLS", "false"));
        shop = new MusicShop(server);
        MusicShop.Artist artist = shop.artist("Låga <Vågor>");
        album = shop.album(artist, TITLE, List.of("mp3-320", "flac", "opus", "original"));
        second = shop.album(artist, "Second Light", List.of("mp3-320", "flac"));
        shop.formatsWhenReady(album, "mp3-320", "flac", "opus");
        shop.formatsWhenReady(second, "mp3-320", "flac");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theReleasePageListsEveryFormatWithTheAlbumsSizeBeforeBuying() {
        JsonNode albums = shop.give(album, "looker@example.com").path("albums");
        HttpResponse<String> page = shop.get(album.page(), "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        List<String> shown = new ArrayList<>();
        Matcher item = Pattern.compile("<li>([^<]+ · [^<]+)</li>").matcher(page.body());
        while (item.find()) {
            shown.add(item.group(1));
        }
        List<String> expected = new ArrayList<>();
        for (JsonNode a : albums) {
            expected.add(a.path("label").asText() + " · " + ByteSizes.readable(a.path("size").asLong()));
        }
        assertThat(expected).hasSize(4);
        assertThat(shown).containsExactlyElementsOf(expected);
        assertThat(shown.get(0)).startsWith("FLAC · ");
        assertThat(page.body()).contains("<h2>Formats</h2>").contains("First Light").contains("0:02")
                .doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        // Offered as uploaded, the tracks are files fans get; without the original, only the cover is.
        assertThat(page.body()).contains("01 First Light.wav");
        String other = shop.get(second.page(), "Accept", "text/html").body();
        assertThat(other).containsPattern("<li>FLAC · [0-9.]+ kB</li>").containsPattern("<li>MP3 320 · [0-9.]+ kB</li>")
                .doesNotContain("01 First Light.wav").contains("cover.jpg");
    }

    @Test
    void theReceiptOffersTheAlbumInEachFormatAndEveryTrackInEach() throws Exception {
        String receipt = shop.checkout(album, "receipt@example.com");
        HttpResponse<String> page = shop.get(receipt, "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(buttons(page.body())).containsExactly("flac", "mp3-320", "opus", "original");
        assertThat(page.body()).contains("<form method=\"get\" action=\"" + receipt + "/album\" class=\"albums\">")
                .doesNotContain("<script>alert(1)").contains("&lt;script&gt;");
        for (String[] format : new String[][] {{"flac", ".flac"}, {"mp3-320", ".mp3"}, {"opus", ".opus"}, {"original", ".wav"}}) {
            List<String> entries = MusicShop.entries(album(receipt + "/album?format=" + format[0]));
            assertThat(entries.get(0)).as(format[0]).endsWith(format[1]).startsWith(format[0].equals("original") ? "01 First Light" : "01 ");
            assertThat(entries).contains("cover.jpg");
        }
        // Each track: its main link in the default format, and a link to each other format that opens that file.
        assertThat(page.body()).contains(">01 First Light.flac</a>").contains("<span class=\"format\">FLAC</span>");
        Map<String, String> firstTrack = formatLinks(page.body(), "01 First Light.flac");
        assertThat(firstTrack.keySet()).containsExactly("MP3 320", "Opus", "Original file");
        assertThat(new String(shop.bytes(firstTrack.get("MP3 320")).body(), 0, 3)).isEqualTo("ID3");
        assertThat(new String(shop.bytes(firstTrack.get("Opus")).body(), 0, 4)).isEqualTo("OggS");
        assertThat(shop.bytes(firstTrack.get("Original file")).body()).isEqualTo(java.nio.file.Files.readAllBytes(shop.fixture("one.wav")));

        JsonNode json = ApiClient.JSON.readTree(shop.get(receipt, "Accept", "application/json").body());
        assertThat(json.path("albums")).hasSize(4);
        assertThat(json.path("albums").get(0).path("format").asText()).isEqualTo("flac");
        assertThat(json.path("albums").get(0).path("name").asText()).endsWith("(FLAC).zip");
        assertThat(json.path("albums").get(0).path("size").asLong()).isPositive();
        assertThat(json.path("downloads").get(0).path("formats").size()).isEqualTo(4);
        assertThat(shop.get(receipt + "/album?format=aiff").statusCode()).isEqualTo(404);
    }

    @Test
    void theChosenFormatComesFirstOnTheReceiptInTheLibraryAndInTheNextMail() throws Exception {
        String fan = "chooser@example.com";
        String receipt = shop.checkout(album, fan);
        assertThat(MusicShop.entries(album(receipt + "/album?format=mp3-320")).get(0)).endsWith(".mp3");
        String again = shop.get(receipt, "Accept", "text/html").body();
        assertThat(buttons(again)).containsExactly("mp3-320", "flac", "opus", "original");
        assertThat(again).contains(">01 First Light.mp3</a>").contains("<span class=\"format\">MP3 320</span>");

        // The next purchase's mail offers the album in the format chosen before, and names the others.
        shop.checkout(second, fan);
        String mail = await().atMost(Duration.ofSeconds(10)).until(() -> mailText(fan, "Your download: Second Light"), m -> m != null);
        assertThat(mail).contains("The whole album as one zip, MP3 320 (").contains("01 First Light.mp3 (MP3 320)")
                .contains("Other formats in your library: FLAC.").contains("/library");
        assertThat(MusicShop.entries(shop.bytes(links(mail).get(0)).body()).get(0)).endsWith(".mp3");

        String cookie = signIn(fan);
        JsonNode purchases = ApiClient.JSON.readTree(shop.get("/library", "Accept", "application/json", "Cookie", cookie).body())
                .path("purchases");
        assertThat(purchases).hasSize(2).allSatisfy(p -> assertThat(p.path("albums").get(0).path("url").asText()).contains("/d/"));
        String library = shop.get("/library", "Accept", "text/html", "Cookie", cookie).body();
        Matcher action = Pattern.compile("action=\"(/library/albums/[^\"]+)\"").matcher(library);
        assertThat(action.find()).isTrue();
        assertThat(buttons(library).subList(0, 2)).containsExactly("mp3-320", "flac");
        HttpResponse<String> chose = shop.get(action.group(1) + "?format=flac", "Cookie", cookie);
        assertThat(chose.statusCode()).isEqualTo(303);
        assertThat(MusicShop.entries(shop.bytes(chose.headers().firstValue("Location").orElseThrow()).body()).get(0)).endsWith(".flac");
        String after = shop.get("/library", "Accept", "text/html", "Cookie", cookie).body();
        assertThat(buttons(after)).startsWith("flac").contains("mp3-320");
        assertThat(after).contains(">01 First Light.flac</a>").doesNotContain("<script>alert(1)");

        // Another fan's purchase, or a format the album does not come in, is not there; without a session the fan signs in first.
        String stranger = shop.give(album, "stranger@example.com").path("id").asText();
        assertThat(shop.get("/library/albums/" + stranger + "?format=flac", "Cookie", cookie).statusCode()).isEqualTo(404);
        assertThat(shop.get(action.group(1) + "?format=aiff", "Cookie", cookie).statusCode()).isEqualTo(404);
        HttpResponse<String> anonymous = shop.get(action.group(1) + "?format=flac");
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).hasValue("/library");
    }

    @Test
    void theEmbedReceiptOpensTheAlbumInANewTabAndTheCardNamesTheFormats() {
        String token = shop.checkout(album, "embed@example.com").replaceFirst(".*/receipts/", "");
        String page = shop.get("/embed/receipt/" + token, "Accept", "text/html").body();
        assertThat(page).contains("action=\"/embed/receipt/" + token + "/album\" class=\"albums\" target=\"_blank\" rel=\"noopener\"")
                .contains(">01 First Light.flac</a>").contains(">Opus</a>").doesNotContain("<script>alert(1)");
        assertThat(buttons(page)).containsExactly("flac", "mp3-320", "opus", "original");
        assertThat(MusicShop.entries(album("/embed/receipt/" + token + "/album?format=opus")).get(0)).endsWith(".opus");
        String card = shop.get("/embed/r/" + album.artist().slug() + "/" + album.slug()).body();
        assertThat(card).contains("In FLAC, MP3 320, Opus and Original file");
    }

    /** Presses an album button: the answer sends the fan on to the zip, which is returned. */
    byte[] album(String choice) {
        HttpResponse<String> chose = shop.get(choice);
        assertThat(chose.statusCode()).as(chose.body()).isEqualTo(303);
        String link = chose.headers().firstValue("Location").orElseThrow();
        assertThat(link).contains("/d/");
        HttpResponse<byte[]> zip = shop.bytes(link);
        assertThat(zip.statusCode()).isEqualTo(200);
        return zip.body();
    }

    static List<String> buttons(String html) {
        List<String> formats = new ArrayList<>();
        Matcher m = BUTTON.matcher(html);
        while (m.find()) {
            formats.add(m.group(1));
        }
        return formats;
    }

    /** The other formats' links in the row of the file whose main link reads {@code name}. */
    static Map<String, String> formatLinks(String html, String name) {
        int row = html.indexOf(">" + name + "</a>");
        String rest = html.substring(row, html.indexOf("</li>", row));
        Map<String, String> links = new java.util.LinkedHashMap<>();
        Matcher m = Pattern.compile("<a href=\"([^\"]+)\" download>([^<]+)</a>").matcher(rest);
        while (m.find()) {
            links.put(m.group(2), m.group(1));
        }
        return links;
    }

    static List<String> links(String text) {
        List<String> links = new ArrayList<>();
        Matcher m = Pattern.compile("https?://\\S+/d/\\S+").matcher(text);
        while (m.find()) {
            links.add(m.group());
        }
        return links;
    }

    static String mailText(String address, String subject) throws Exception {
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            if (m.getSubject().equals(subject) && Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address))) {
                return (String) m.getContent();
            }
        }
        return null;
    }

    String signIn(String email) throws Exception {
        assertThat(shop.api.post("/library", null, Map.of("email", email)).status()).isEqualTo(202);
        String text = await().atMost(Duration.ofSeconds(10)).until(() -> mailText(email, "Your sign-in link for your library"),
                m -> m != null);
        Matcher link = Pattern.compile("https?://\\S+/library/signin/\\S+").matcher(text);
        assertThat(link.find()).isTrue();
        HttpResponse<String> in = SignInLinks.follow(r -> shop.server.send(r), shop.local(link.group()));
        assertThat(in.statusCode()).isEqualTo(303);
        String cookie = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("gatefold_library=")).findFirst()
                .orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }
}
