package gatefold.server.storefront;

import gatefold.server.common.ByteSizes;
import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.catalog.ReleaseFile;
import gatefold.server.delivery.ReleaseFormats;
import gatefold.server.media.MediaCheck;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Release text for pages: Markdown made safe, durations from audio headers, names and sizes in words. */
class StorefrontTextTest {

    @Test
    void markdownKeepsFormattingAndSafeLinksOnly() {
        String html = Markdown.toSafeHtml("""
                # Big
                *soft* and **loud**, `code`

                - one
                - two

                > quoted

                [home](https://band.example/a?b=1&c=2) [mail](mailto:band@example.com)
                [bad](javascript:alert) [worse](vbscript:x) [data](data:text/html;base64,AAAA)
                ![pic](https://tracker.example/pixel.gif)
                <script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">raw</a>
                <div style="position:fixed">overlay</div>
                """);
        assertThat(html).contains("<h2>Big</h2>").contains("<em>soft</em>").contains("<strong>loud</strong>")
                .contains("<code>code</code>").contains("<li>one</li>").contains("<blockquote>")
                .containsPattern("<a href=\"https://band.example/a\\?b[^\"]+c[^\"]+\" rel=\"[a-z ]*nofollow[a-z ]*\">home</a>")
                .containsPattern("<a href=\"mailto:band[^\"]+\" rel=\"[a-z ]+\">mail</a>");
        assertThat(html).doesNotContainPattern("(?i)href=\"\\s*(javascript|vbscript|data):")
                .doesNotContainIgnoringCase("data:text").doesNotContain("<img").doesNotContain("<script")
                .doesNotContain("<div").doesNotContain("style=").doesNotContainPattern("<[^>]*\\son[a-z]+=");
        // A link to anything but the web or mail keeps its text and loses its target.
        assertThat(html).contains("bad worse").doesNotContain("href=\"\"").contains("&lt;script&gt;");
        assertThat(html).contains("rel=\"").satisfies(h -> assertThat(h).contains("noopener"));
        assertThat(Markdown.toSafeHtml(null)).isEmpty();
        assertThat(Markdown.toSafeHtml("  ")).isEmpty();
    }

    @Test
    void durationsComeFromWavAndFlacHeaders() {
        assertThat(AudioDuration.seconds(StoreFixtures.wav(3))).hasValue(3L);
        assertThat(AudioDuration.seconds(StoreFixtures.flac(3725))).hasValue(3725L);
        assertThat(AudioDuration.format(3725)).isEqualTo("1:02:05");
        assertThat(AudioDuration.format(65)).isEqualTo("1:05");
        assertThat(AudioDuration.seconds("ID3 not a header we read".getBytes())).isEmpty();
        byte[] truncated = java.util.Arrays.copyOf(StoreFixtures.wav(1), 30);
        assertThat(AudioDuration.seconds(truncated)).isEmpty();
        byte[] noStreamInfo = StoreFixtures.flac(10);
        noStreamInfo[4] = 4;
        assertThat(AudioDuration.seconds(noStreamInfo)).isEmpty();
    }

    @Test
    void trackTitlesDropNumbersAndExtensionsUnlessTheArtistSetOne() {
        assertThat(Storefront.trackTitle(track("01 - Opening.flac", null))).isEqualTo("Opening");
        assertThat(Storefront.trackTitle(track("7. Seven Seas.wav", null))).isEqualTo("Seven Seas");
        assertThat(Storefront.trackTitle(track("1999.mp3", null))).isEqualTo("1999");
        assertThat(Storefront.trackTitle(track("Interlude", null))).isEqualTo("Interlude");
        assertThat(Storefront.trackTitle(track("01 - Opening.flac", "Opening (live)"))).isEqualTo("Opening (live)");
    }

    static ReleaseFile track(String name, String title) {
        return new ReleaseFile("fil_1", "rel_1", name, "track", 1, 1, "audio/flac", null, null, "k", false, title, Instant.EPOCH, false);
    }

    @Test
    void albumSizesAreEstimatedFromDurationsAndNominalBitratesUntilTheZipIsMade() {
        ReleaseFile one = track("01 One.flac", null);
        MediaCheck minute = new MediaCheck("fil_1", "k", MediaCheck.State.OK, null, "flac", "FLAC", 60_000L, 44100, 16, 2,
                900_000L, true, null, null, Instant.EPOCH);
        Map<String, MediaCheck> checks = Map.of("fil_1", minute);
        // 320 kb/s for a minute is 2.4 MB; 16-bit stereo PCM at 44.1 kHz is 10.6 MB, FLAC about 60% of it.
        assertThat(AlbumSizes.estimate("mp3-320", List.of(one), 0, checks)).hasValue(2_400_000);
        assertThat(AlbumSizes.estimate("wav", List.of(one), 0, checks)).hasValue(10_584_000);
        assertThat(AlbumSizes.estimate("flac", List.of(one), 1000, checks)).hasValue(Math.round(10_584_000 * 0.6) + 1000);
        assertThat(AlbumSizes.estimate("original", List.of(one), 0, Map.of())).hasValue(1);
        assertThat(AlbumSizes.estimate("flac", List.of(one), 0, Map.of())).isEmpty();
        assertThat(AlbumSizes.about(98_400_000)).isEqualTo("about 98 MB");
        assertThat(AlbumSizes.about(4_240_000)).isEqualTo("about 4.2 MB");
        assertThat(AlbumSizes.about(512)).isEqualTo("about 512 bytes");

        ReleaseFormats.Offer offer = new ReleaseFormats.Offer(Map.of(), List.of(
                new ReleaseFormats.AlbumOffer("flac", "FLAC", "A - B (FLAC).zip", 212_000_000L),
                new ReleaseFormats.AlbumOffer("mp3-320", "MP3 320", "A - B (MP3 320).zip", null)));
        assertThat(AlbumSizes.of(offer, List.of(one), checks)).extracting(f -> f.label() + " · " + f.size())
                .containsExactly("FLAC · 212 MB", "MP3 320 · about 2.4 MB");
        assertThat(AlbumSizes.of(offer, List.of(one), Map.of()).get(1).size()).isNull();
    }

    @Test
    void sizesReadLikeAFileManagerShowsThem() {
        assertThat(ByteSizes.readable(1)).isEqualTo("1 byte");
        assertThat(ByteSizes.readable(999)).isEqualTo("999 bytes");
        assertThat(ByteSizes.readable(16_044)).isEqualTo("16.0 kB");
        assertThat(ByteSizes.readable(4_200_000)).isEqualTo("4.20 MB");
        assertThat(ByteSizes.readable(734_000_000)).isEqualTo("734 MB");
        assertThat(ByteSizes.readable(52_000_000_000L)).isEqualTo("52.0 GB");
    }
}
