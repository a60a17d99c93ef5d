package gatefold.web;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.web.views.Layout;
import gatefold.web.views.store.AlbumButton;
import gatefold.web.views.store.AlbumChoice;
import gatefold.web.views.store.BuyForm;
import gatefold.web.views.store.Cover;
import gatefold.web.views.store.ErrorPage;
import gatefold.web.views.store.FileRow;
import gatefold.web.views.store.FormatLink;
import gatefold.web.views.store.Link;
import gatefold.web.views.store.OfferedFormat;
import gatefold.web.views.store.ProviderChoice;
import gatefold.web.views.store.ReceiptPage;
import gatefold.web.views.store.ReleasePage;
import gatefold.web.views.store.Track;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreTemplatesTest {

    static final String EVIL = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";
    final Pages pages = new Pages();

    ReleasePage release(String descriptionHtml) {
        BuyForm buy = new BuyForm("/checkout/rel_1", "pwyw", "3.00 EUR or more", "EUR", "3.00", EVIL,
                List.of(new ProviderChoice("stripe", "Card (Stripe)", true), new ProviderChoice("test", EVIL, false)), "Buy", null);
        return new ReleasePage(Layout.of(EVIL, EVIL), new Link("/a/band", EVIL), EVIL, "Music", "2026-01-02",
                new Cover("/covers/f/abc/600.jpg", "/covers/f/abc/300.jpg 300w", "Cover of " + EVIL), descriptionHtml, EVIL, EVIL,
                List.of(new Track(1, EVIL, "3:05"), new Track(2, "Quiet", null)),
                List.of(new OfferedFormat("flac", "FLAC", "212 MB"), new OfferedFormat("mp3-320", "MP3 320", "about 98 MB"),
                        new OfferedFormat("x", EVIL, null)),
                List.of(new FileRow(EVIL, "1.00 MB", null, null)), buy);
    }

    @Test
    void everyArtistStringIsEscapedAndOnlyTheSanitizedDescriptionIsMarkup() {
        String html = pages.render("store/release.jte", release("<p><strong>sanitized</strong></p>"));
        assertThat(html).doesNotContain("<script").doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("<div class=\"description\"><p><strong>sanitized</strong></p></div>");
        // Attribute values are escaped too (a quote cannot end them), and a choice that is not the default carries no checked attribute.
        assertThat(html).contains("value=\"&#34;>&lt;script>").contains("alt=\"Cover of &#34;>").contains("value=\"stripe\" checked>")
                .contains("value=\"test\">");
        assertThat(html).contains("<span>Quiet</span></li>").contains("3:05");
    }

    @Test
    void aReleasePageIsSmallAndEveryInputHasALabel() {
        String html = pages.render("store/release.jte", release(""));
        assertThat(html.length()).isLessThan(10_000);
        assertThat(html).contains("<html lang=\"en\">").doesNotContain("class=\"description\"");
        for (String id : List.of("email", "amount", "discountCode")) {
            assertThat(html).contains("<label for=\"" + id + "\">").contains("id=\"" + id + "\"");
        }
        assertThat(html).contains("<legend>Pay with</legend>");
    }

    @Test
    void theReleasePageListsEachFormatWithTheAlbumsSize() {
        String html = pages.render("store/release.jte", release(""));
        assertThat(html).contains("<h2>Formats</h2>").contains("<li>FLAC · 212 MB</li>").contains("<li>MP3 320 · about 98 MB</li>")
                .contains("<li>\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert");
    }

    @Test
    void theReceiptOffersTheAlbumAsOneButtonPerFormatAndEachTrackInEveryFormat() {
        AlbumChoice albums = new AlbumChoice("/receipts/" + EVIL + "/album", List.of(new AlbumButton("flac", "FLAC", "212 MB"),
                new AlbumButton("\"><b>x", EVIL, "being prepared")));
        FileRow track = new FileRow(EVIL + ".flac", null, "/d/flac", null, "FLAC",
                List.of(new FormatLink("MP3 320", "/d/mp3", null), new FormatLink(EVIL, "/d/original", "10.1 MB")));
        String html = pages.render("store/receipt.jte", new ReceiptPage(Layout.of("Receipt", "Store"), EVIL, "/r/a/b", "7.00 EUR",
                null, "confirmed", albums, List.of(track, new FileRow("booklet.pdf", "2.00 MB", "/d/pdf", "abc"))));
        assertThat(html).doesNotContain("<script>alert").doesNotContain("<b>x")
                .contains("<form method=\"get\" action=\"/receipts/&#34;>&lt;script>")
                .contains("<button type=\"submit\" name=\"format\" value=\"flac\">FLAC <span class=\"size\">212 MB</span></button>")
                .contains("value=\"&#34;>&lt;b>x\"")
                .contains("<a href=\"/d/flac\" download>\"&gt;&lt;script&gt;").contains("<span class=\"format\">FLAC</span>")
                .contains("<a href=\"/d/mp3\" download>MP3 320</a> · <a href=\"/d/original\" download>\"&gt;&lt;script&gt;")
                .contains("(10.1 MB)").contains("<a href=\"/d/pdf\" download>booklet.pdf</a>").contains("SHA-256 <code>abc</code>")
                .doesNotContain("target=");
        String nothing = pages.render("store/receipt.jte", new ReceiptPage(Layout.of("Receipt", "Store"), "Book", "/r/a/b", "7.00 EUR",
                null, "confirmed", new AlbumChoice("/receipts/x/album", List.of()), List.of()));
        assertThat(nothing).doesNotContain("<form method=\"get\"").doesNotContain("Track by track");
    }

    @Test
    void errorPagesSayWhatToDoNext() {
        String html = pages.render("store/error.jte", new ErrorPage(Layout.of("Not found", "Store"), 404, "Not found", EVIL,
                List.of(new Link("/", "Go to the store"), new Link("/library", "Open your library"))));
        assertThat(html).contains("<h1>Not found</h1>").contains("<a href=\"/library\">Open your library</a>")
                .doesNotContain("<script").contains("Error 404");
    }

    @Test
    void aFilmInTheLibraryListsItsSubtitlesAsTracksOfTheVideo() {
        String master = "https://store.example/watch/tok/master.m3u8";
        var film = new gatefold.web.views.store.LibraryEntry("Reel", "Projector", "2026-12-01", new AlbumChoice("/albums", List.of()),
                List.of(), null, List.of(), master, null, List.of(
                        new gatefold.web.views.store.Caption("https://store.example/watch/tok/subtitles/en.vtt", "en", "English"),
                        new gatefold.web.views.store.Caption("https://store.example/watch/tok/subtitles/fr.vtt", "fr", EVIL)));
        String html = pages.render("store/library.jte", new gatefold.web.views.store.LibraryPage(Layout.of("Your library", null),
                "fan@example.com", List.of(film), "csrf", "t"));
        String video = html.substring(html.indexOf("<video class=\"film\""), html.indexOf("</video>"));
        assertThat(video).contains("<source src=\"" + master + "\" type=\"application/vnd.apple.mpegurl\">")
                .contains("<source src=\"https://store.example/watch/tok/progressive/film.mp4\" type=\"video/mp4\">")
                .contains("<track kind=\"subtitles\" src=\"https://store.example/watch/tok/subtitles/en.vtt\" srclang=\"en\" label=\"English\">")
                .contains("srclang=\"fr\"").doesNotContain("<script>");
    }
}
