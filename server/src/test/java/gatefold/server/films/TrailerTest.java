package gatefold.server.films;

import static gatefold.server.films.FilmFixtures.ffmpeg;
import static gatefold.server.films.FilmFixtures.ffprobe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.common.Refusal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrailerTest {

    private final Trailer trailer = new Trailer(ffmpeg(), ffprobe());

    @Test
    void aClipOfTheMasterFadesInAndOutAndPlaysFromTheFirstByte() throws Exception {
        Path out = FilmFixtures.dir().resolve("trailer-cut.mp4");
        Trailer.Made made = trailer.cut(FilmFixtures.film720(), Duration.ofSeconds(5), Duration.ofSeconds(4), out);
        assertThat(List.of(made.width(), made.height())).containsExactly(1280, 720);
        FilmProbe probe = new FilmProber(ffprobe()).probe(out);
        assertThat(probe.duration().toMillis()).isBetween(3_900L, 4_150L);
        assertThat(probe.hasAudio()).isTrue();
        byte[] head = new byte[64];
        try (var in = Files.newInputStream(out)) {
            in.readNBytes(head, 0, head.length);
        }
        assertThat(new String(head, java.nio.charset.StandardCharsets.ISO_8859_1)).as("index at the front").contains("moov");
        List<Double> luma = FilmFixtures.output(List.of(ffprobe().toString(), "-v", "error", "-f", "lavfi", "-i",
                "movie=" + out.toString().replace(":", "\\:") + ",signalstats", "-show_entries", "frame_tags=lavfi.signalstats.YAVG", "-of", "csv=p=0"))
                .lines().filter(l -> !l.isBlank()).map(Double::parseDouble).toList();
        assertThat(luma.get(0)).as("first frame black").isLessThan(20);
        assertThat(luma.get(luma.size() / 2)).as("middle frame bright").isGreaterThan(60);
        assertThat(luma.get(luma.size() - 1)).as("last frame nearly black").isLessThan(30);
    }

    @Test
    void anUploadedTrailerIsCheckedAndNeverUpscaled() {
        Trailer.Made made = trailer.fromUpload(FilmFixtures.film360(), FilmFixtures.dir().resolve("trailer-upload.mp4"));
        assertThat(List.of(made.width(), made.height())).containsExactly(640, 360);
        assertThat(made.length().toMillis()).isBetween(6_900L, 7_100L);
        assertThatThrownBy(() -> trailer.fromUpload(FilmFixtures.truncated(), FilmFixtures.dir().resolve("trailer-bad.mp4")))
                .isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> trailer.cut(FilmFixtures.film360(), Duration.ofSeconds(6), Duration.ofSeconds(30), FilmFixtures.dir().resolve("t.mp4")))
                .isInstanceOf(Refusal.class).hasMessageContaining("before the film ends");
        assertThatThrownBy(() -> trailer.cut(FilmFixtures.film360(), Duration.ZERO, Duration.ofMillis(500), FilmFixtures.dir().resolve("t.mp4")))
                .isInstanceOf(Refusal.class).hasMessageContaining("between");
    }
}
