package gatefold.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.OsTool;
import gatefold.server.common.Refusal;
import gatefold.server.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MediaToolsTest {

    @Test
    void theInstalledFfmpegMakesEveryFormatAndPreviews() {
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        MediaTools tools = MediaTools.detect(Settings.of(Map.of()));

        assertThat(tools.present()).isTrue();
        assertThat(tools.absence()).isEmpty();
        assertThat(tools.version()).matches("\\d+\\.\\d+.*");
        assertThat(tools.formats()).isEqualTo(EnumSet.allOf(AudioFormat.class));
        assertThat(tools.canMakePreviews()).isTrue();
        assertThat(tools.describe()).contains("mp3-320", "opus", "aiff", "previews on");
    }

    @Test
    void explicitPathsWinOverPath() {
        Path ffmpeg = OsTool.FFMPEG.require();
        MediaTools tools = MediaTools.detect(Settings.of(Map.of("GATEFOLD_FFMPEG", ffmpeg.toString(),
                "GATEFOLD_FFPROBE", OsTool.FFPROBE.require().toString())));
        assertThat(tools.ffmpeg()).isEqualTo(ffmpeg);
    }

    @Test
    void anFfmpegPathThatDoesNotExistLeavesOriginalsOnlyWithOneClearSentence() {
        MediaTools tools = MediaTools.detect(Settings.of(Map.of("GATEFOLD_FFMPEG", "/opt/nowhere/ffmpeg")));

        assertThat(tools.present()).isFalse();
        assertThat(tools.absence()).hasValueSatisfying(why -> assertThat(why)
                .contains("GATEFOLD_FFMPEG", "/opt/nowhere/ffmpeg", "original files only").doesNotContain("\n"));
        assertThat(tools.formats()).containsExactly(AudioFormat.ORIGINAL);
        assertThat(tools.canMakePreviews()).isFalse();
        assertThat(tools.missingFor(AudioFormat.FLAC)).contains("this server has no ffmpeg");
        assertThatThrownBy(() -> new Probe(tools).audio(Path.of("any.flac"))).isInstanceOfSatisfying(Refusal.class,
                r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.UNAVAILABLE));
        assertThatThrownBy(() -> new Transcoder(tools).preview(Path.of("any.flac"), PreviewClip.whole(), Path.of("out.m4a"),
                Duration.ofSeconds(5))).isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("previews_unavailable"));
    }

    @Test
    void aProgramThatIsNotFfmpegIsAbsentToo() {
        MediaTools tools = MediaTools.detect(Optional.of(Path.of("/bin/false")), Optional.of(Path.of("/bin/false")));
        assertThat(tools.present()).isFalse();
        assertThat(tools.absence().orElseThrow()).contains("/bin/false did not answer -version");
    }
}
