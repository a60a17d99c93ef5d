package gatefold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.OsTool;
import gatefold.server.TestServer;
import gatefold.server.storefront.MusicShop;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A music release's sound and formats on the artist's dashboard, with real ffmpeg: what
 * checking each track found, each format's state and size, the format choice, genre and
 * track titles saved through the forms, "Try again" when making files failed (no room for
 * them), and the one notice a store without ffmpeg shows.
 */
class DashboardFormatsTest {

    static TestServer server;
    static MusicShop shop;

    @BeforeAll
    static void start() {
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        server = TestServer.start(Map.of("GATEFOLD_TRANSCODE_WORKERS", "2"));
        shop = new MusicShop(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static DashboardBrowser signedIn(TestServer on, MusicShop.Artist artist) {
        DashboardBrowser browser = new DashboardBrowser(on);
        assertThat(browser.signIn(artist.email(), "correct horse battery").statusCode()).isEqualTo(303);
        return browser;
    }

    @Test
    void theReleasePageShowsEachTracksCheckAndEachFormatsStateAndSize() {
        MusicShop.Artist artist = shop.artist("Checked Band");
        MusicShop.Album album = shop.album(artist, "Checked", List.of("mp3-320", "flac"));
        JsonNode formats = shop.formatsWhenReady(album, "mp3-320", "flac");
        DashboardBrowser browser = signedIn(server, artist);
        String page = browser.get("/dashboard/releases/" + album.id()).body();
        assertThat(page).contains("Sound and formats").contains("WAV, 16-bit, 44.1 kHz, stereo, 0:02")
                .contains("FLAC, 16-bit, 48 kHz, stereo, 0:02").doesNotContain("Being checked")
                .doesNotContain(FormatPanels.NO_TOOLS).doesNotContain(">Try again</button>");
        Map<String, String> states = states(page);
        assertThat(states).containsExactly(Map.entry("mp3-320", "Ready"), Map.entry("flac", "Ready"));
        for (JsonNode f : formats.path("formats")) {
            if (f.path("status").asText().equals("ready") && !f.path("format").asText().equals("original")) {
                assertThat(page).contains(gatefold.server.common.ByteSizes.readable(f.path("size").asLong()));
            }
        }
        assertThat(page).containsPattern("Room taken by files made from your masters: [0-9.]+ [kM]B of [0-9.]+ [kM]B");
        assertThat(checked(page)).containsExactly("mp3-320", "flac");
    }

    @Test
    void formatsGenreAndTrackTitlesAreSavedThroughTheForms() {
        MusicShop.Artist artist = shop.artist("Form Band");
        MusicShop.Album album = shop.draft(artist, "Forms", null);
        DashboardBrowser browser = signedIn(server, artist);
        String path = "/dashboard/releases/" + album.id();
        assertThat(checked(browser.get(path).body())).hasSize(9).doesNotContain("original");

        Map<String, String> form = new LinkedHashMap<>(Map.of("csrf", DashboardBrowser.csrfOf(browser.get(path).body()),
                "genre", "Ambient \"drone\""));
        HttpResponse<String> saved = browser.post(path + "/formats", withFormats(form, "flac", "opus", "original"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        JsonNode release = shop.api.get("/api/releases/" + album.id(), artist.token()).json();
        assertThat(release.path("formats")).extracting(JsonNode::asText).containsExactly("flac", "opus", "original");
        assertThat(release.path("genre").asText()).isEqualTo("Ambient \"drone\"");
        String page = browser.get(path).body();
        assertThat(checked(page)).containsExactly("opus", "flac", "original");
        assertThat(page).contains("value=\"Ambient &#34;drone&#34;\"");

        // Ticking the default set again stores "every format", so one added later is offered too; ticking none is refused.
        String[] defaults = {"mp3-v0", "mp3-320", "aac", "vorbis", "opus", "flac", "alac", "wav", "aiff"};
        assertThat(browser.post(path + "/formats", withFormats(form, defaults)).statusCode()).isEqualTo(303);
        assertThat(shop.api.get("/api/releases/" + album.id(), artist.token()).json().path("formats").isNull()).isTrue();
        HttpResponse<String> none = browser.post(path + "/formats", form);
        assertThat(none.statusCode()).isEqualTo(422);
        assertThat(none.body()).contains("role=\"alert\"").contains("at least one format");

        String evil = "Ljus \"<script>alert(1)</script>\"";
        String title = path + "/files/" + album.tracks().get(1) + "/title";
        assertThat(browser.post(title, Map.of("csrf", form.get("csrf"), "title", evil)).statusCode()).isEqualTo(303);
        JsonNode track = shop.api.get("/api/releases/" + album.id() + "/files/" + album.tracks().get(1), artist.token()).json();
        assertThat(track.path("title").asText()).isEqualTo(evil);
        assertThat(browser.get(path).body()).doesNotContain("<script>alert(1)")
                .contains("value=\"Ljus &#34;&lt;script>alert(1)&lt;/script>&#34;\"").contains("placeholder=\"Ljus\"");
        assertThat(browser.post(title, Map.of("csrf", form.get("csrf"), "title", " ")).statusCode()).isEqualTo(303);
        assertThat(shop.api.get("/api/releases/" + album.id() + "/files/" + album.tracks().get(1), artist.token()).json()
                .path("title").asText()).isEqualTo("Ljus");
        // Without the session's CSRF token nothing changes.
        assertThat(browser.post(path + "/formats", Map.of("csrf", "forged", "formats", "wav")).statusCode()).isEqualTo(403);
        assertThat(shop.api.get("/api/releases/" + album.id(), artist.token()).json().path("formats").isNull()).isTrue();
    }

    @Test
    void aDamagedTrackShowsItsProblem() throws Exception {
        MusicShop.Artist artist = shop.artist("Cracked Band");
        String release = shop.api.newRelease(artist.token(), Map.of("title", "Cracked", "kind", "music", "pricing", "free"));
        byte[] flac = Files.readAllBytes(shop.fixture("two.flac"));
        Path cut = Files.createTempFile("cut", ".flac");
        Files.write(cut, Arrays.copyOf(flac, flac.length / 2));
        shop.upload(artist, release, "01 Cracked.flac", cut);
        DashboardBrowser browser = signedIn(server, artist);
        String page = await().atMost(Duration.ofSeconds(30)).until(() -> browser.get("/dashboard/releases/" + release).body(),
                p -> p.contains("class=\"problem\""));
        assertThat(page).containsPattern("<span class=\"problem\">[^<]*damaged");
    }

    @Test
    void whenMakingFilesFailsTheReasonAndTryAgainAreShown() {
        try (TestServer full = TestServer.start(Map.of("GATEFOLD_DERIVED_QUOTA_FACTOR", "0"))) {
            MusicShop fullShop = new MusicShop(full);
            MusicShop.Artist artist = fullShop.artist("Full Band");
            MusicShop.Album album = fullShop.album(artist, "No Room", List.of("flac", "mp3-320"));
            DashboardBrowser browser = signedIn(full, artist);
            String path = "/dashboard/releases/" + album.id();
            String page = await().atMost(Duration.ofSeconds(60)).until(() -> browser.get(path).body(),
                    p -> "Failed".equals(states(p).get("flac")) && "Failed".equals(states(p).get("mp3-320")));
            assertThat(page).contains("<span class=\"problem\">Failed: The room for files made from your masters")
                    .contains("action=\"" + path + "/formats/retry\"").contains(">Try again</button>");
            HttpResponse<String> retried = browser.post(path + "/formats/retry", Map.of("csrf", DashboardBrowser.csrfOf(page)));
            assertThat(retried.statusCode()).isEqualTo(303);
            String location = retried.headers().firstValue("Location").orElseThrow();
            assertThat(location).startsWith(path + "?retried=").endsWith("#formats");
            assertThat(browser.get(location.replace("#formats", "")).body()).containsPattern("Trying [0-9]+ files again\\.");
        }
    }

    @Test
    void aStoreWithoutFfmpegSaysSoOnceAndOffersTheOriginals() {
        try (TestServer bare = TestServer.start(Map.of("GATEFOLD_FFMPEG", "/nonexistent/ffmpeg", "GATEFOLD_FFPROBE",
                "/nonexistent/ffprobe"))) {
            MusicShop bareShop = new MusicShop(bare);
            MusicShop.Artist artist = bareShop.artist("Bare Band");
            MusicShop.Album album = bareShop.album(artist, "Bare", null);
            String page = signedIn(bare, artist).get("/dashboard/releases/" + album.id()).body();
            assertThat(page.split(Pattern.quote(FormatPanels.NO_TOOLS), -1)).hasSize(2);
            assertThat(page).contains("Not checked: this store has no ffmpeg.").doesNotContain("Files made for fans")
                    .doesNotContain("data-busy");
            assertThat(bareShop.give(album, "fan@example.com").path("albums")).extracting(a -> a.path("format").asText())
                    .containsExactly("original");
        }
    }

    static List<Map.Entry<String, String>> withFormats(Map<String, String> form, String... formats) {
        List<Map.Entry<String, String>> out = new ArrayList<>(form.entrySet());
        Arrays.stream(formats).forEach(f -> out.add(Map.entry("formats", f)));
        return out;
    }

    /** Each format's state as the page words it, by format id. */
    static Map<String, String> states(String html) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher row = Pattern.compile("<tr data-format=\"([^\"]+)\" data-state=\"[^\"]+\"><td>[^<]*</td>\\s*<td>(?:<span[^>]*>)?([A-Za-z ]+)")
                .matcher(html);
        while (row.find()) {
            out.put(row.group(1), row.group(2).strip());
        }
        return out;
    }

    /** The formats ticked in the format choice. */
    static List<String> checked(String html) {
        List<String> out = new ArrayList<>();
        Matcher box = Pattern.compile("<input type=\"checkbox\" name=\"formats\" value=\"([^\"]+)\" checked>").matcher(html);
        while (box.find()) {
            out.add(box.group(1));
        }
        return out;
    }
}
