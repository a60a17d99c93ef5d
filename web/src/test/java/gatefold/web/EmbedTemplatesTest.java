package gatefold.web;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.web.views.embed.EmbedCard;
import gatefold.web.views.embed.EmbedCheckout;
import gatefold.web.views.embed.EmbedDownload;
import gatefold.web.views.embed.EmbedFrame;
import gatefold.web.views.embed.EmbedReceipt;
import gatefold.web.views.embed.ProviderOption;
import gatefold.web.views.store.AlbumButton;
import gatefold.web.views.store.AlbumChoice;
import gatefold.web.views.store.FormatLink;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pages other sites frame: artist text is escaped, scripts come only from files, and the purchase reaches the frame script. */
class EmbedTemplatesTest {

    static final String EVIL = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
    final Pages pages = new Pages();

    @Test
    void theCardEscapesTitleAndArtistAndLoadsNoInlineScript() {
        String html = pages.render("embed/card.jte", new EmbedCard(new EmbedFrame(EVIL, null), EVIL, EVIL, "Music", "7.00 EUR",
                "/embed/cover/rel_1", "https://store.example/r/a/b", "https://store.example/r/a/b", "Buy", EVIL, true));
        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("<script src=\"/embed/frame.js\" defer></script>").contains("class=\"card compact\"")
                .doesNotContain("data-host-origin");
        assertThat(html.split("<script").length - 1).isEqualTo(1);
        String full = pages.render("embed/card.jte", new EmbedCard(new EmbedFrame("A", null), "A", "B", "Music", "7.00 EUR", null,
                "/r/a/b", "/r/a/b", "Buy", "In FLAC, MP3 320 and " + EVIL, false));
        assertThat(full).contains("In FLAC, MP3 320 and &lt;script&gt;").doesNotContain("<script>alert");
    }

    @Test
    void theCheckoutKeepsTheHostOriginAndChecksTheFirstWayToPay() {
        String html = pages.render("embed/checkout.jte", new EmbedCheckout(new EmbedFrame("Buy", "https://band.example"), EVIL, "Artist",
                null, "5.00 EUR", "/embed/checkout/rel_1", false, false, "", "", "", List.of(
                        new ProviderOption("stripe", "Card", true), new ProviderOption("test", "Test", false)), EVIL, "/r/a/b"));
        assertThat(html).contains("data-host-origin=\"https://band.example\"").contains("name=\"origin\" value=\"https://band.example\"")
                .contains("value=\"stripe\" checked").doesNotContain("value=\"test\" checked")
                .contains("role=\"alert\">&lt;script&gt;").doesNotContain("<script>alert");
    }

    @Test
    void theReceiptCarriesThePurchaseForTheHostPageAsEscapedDataAttributes() {
        String html = pages.render("embed/receipt.jte", new EmbedReceipt(new EmbedFrame("Done", null), "rel_1", EVIL, "/r/a/b", "pur_1",
                "confirmed", "5.00", "EUR", "5.00 EUR", new AlbumChoice("/embed/receipt/x/album", List.of(
                        new AlbumButton("mp3-320", EVIL, null))),
                List.of(new EmbedDownload(EVIL, "/d/token", "1.2 MB"), new EmbedDownload("01 A.flac", "/d/flac", null, "FLAC",
                        List.of(new FormatLink("Opus", "/d/opus", null)))), "/embed/receipt/x", "/library"));
        assertThat(html).contains("data-release-id=\"rel_1\"").contains("data-purchase-id=\"pur_1\"").contains("data-status=\"confirmed\"")
                .contains("data-release-title=\"&lt;script>alert(1)&lt;/script>&#34;>&lt;img src=x onerror=alert(2)>\"")
                .contains("href=\"/d/token\" download").doesNotContain("<script>alert").doesNotContain("<img src=x");
        // The album opens in a new tab, so a page saying it is being prepared is never framed by another site.
        assertThat(html).contains("action=\"/embed/receipt/x/album\" class=\"albums\" target=\"_blank\" rel=\"noopener\"")
                .contains("value=\"mp3-320\">&lt;script&gt;").contains("<a href=\"/d/opus\" download>Opus</a>");
    }
}
