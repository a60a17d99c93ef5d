package gatefold.server.storefront;

import gatefold.server.common.ByteSizes;
import static org.assertj.core.api.Assertions.assertThat;

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
    void trackTitlesDropNumbersAndExtensions() {
        assertThat(Storefront.trackTitle("01 - Opening.flac")).isEqualTo("Opening");
        assertThat(Storefront.trackTitle("7. Seven Seas.wav")).isEqualTo("Seven Seas");
        assertThat(Storefront.trackTitle("1999.mp3")).isEqualTo("1999");
        assertThat(Storefront.trackTitle("Interlude")).isEqualTo("Interlude");
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
