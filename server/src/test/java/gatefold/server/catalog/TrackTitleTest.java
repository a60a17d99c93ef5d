package gatefold.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A track's title comes from its name when the artist set none: no extension, no leading track number. */
class TrackTitleTest {

    static String title(String name) {
        return new ReleaseFile("fil", "rel", name, "track", 1, 1, "audio/flac", null, null, "k", false, null, Instant.EPOCH, false)
                .trackTitle();
    }

    @Test
    void leadingNumbersAndSeparatorsGo() {
        assertThat(title("01 Intro.flac")).isEqualTo("Intro");
        assertThat(title("01 - Opening.flac")).isEqualTo("Opening");
        assertThat(title("1. First Light.wav")).isEqualTo("First Light");
        assertThat(title("07_Ljus.aiff")).isEqualTo("Ljus");
        assertThat(title("3) Coda.mp3")).isEqualTo("Coda");
    }

    @Test
    void titlesThatAreNumbersStay() {
        assertThat(title("1979.flac")).isEqualTo("1979");
        assertThat(title("22.wav")).isEqualTo("22");
        assertThat(title("No Number.flac")).isEqualTo("No Number");
        assertThat(new ReleaseFile("fil", "rel", "01 x.flac", "track", 1, 1, "audio/flac", null, null, "k", false, "Set", Instant.EPOCH, false)
                .trackTitle()).isEqualTo("Set");
    }
}
