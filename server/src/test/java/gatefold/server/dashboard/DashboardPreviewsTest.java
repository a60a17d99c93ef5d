package gatefold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.OsTool;
import gatefold.server.TestServer;
import gatefold.server.storefront.MusicShop;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's previews page: each track's choice shown and changed through a form, and refused with a reason. */
class DashboardPreviewsTest {

    static TestServer server;
    static MusicShop shop;

    @BeforeAll
    static void start() {
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        server = TestServer.start();
        shop = new MusicShop(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anArtistTurnsATracksPreviewOffAndSetsAClip() {
        MusicShop.Artist artist = shop.artist("Preview Dashboard");
        MusicShop.Album album = shop.album(artist, "Choices", List.of("original"));
        DashboardBrowser browser = new DashboardBrowser(server);
        assertThat(browser.signIn(artist.email(), "correct horse battery").statusCode()).isEqualTo(303);
        String path = "/dashboard/releases/" + album.id() + "/previews";
        String page = browser.get(path).body();
        assertThat(page).contains("First Light").contains("Ljus").contains("<option value=\"clip\" selected>");

        String first = album.tracks().get(0);
        HttpResponse<String> off = browser.submit(path, path + "/" + first, Map.of("mode", "none"));
        assertThat(off.statusCode()).isEqualTo(303);
        assertThat(shop.api.get("/api/releases/" + album.id() + "/previews", artist.token()).json().path("tracks").get(0)
                .path("mode").asText()).isEqualTo("none");
        assertThat(browser.get(path).body()).contains("<option value=\"none\" selected>");

        HttpResponse<String> refused = browser.submit(path, path + "/" + first, Map.of("mode", "clip", "length", "1"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("role=\"alert\"");
        assertThat(browser.post(path + "/" + first, Map.of("csrf", "forged", "mode", "whole")).statusCode()).isEqualTo(403);
    }
}
