package gatefold.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The one line an artist reads when ffmpeg stops, and telling a stopped run from a bad file. */
class FfmpegErrorsTest {

    @Test
    void aGuessAboutChannelsIsNotTheReason() {
        String stderr = "Guessed Channel Layout for Input Stream #0.0 : stereo\n"
                + "[flac @ 0x55d0c0ffee00] invalid residual\n";
        assertThat(FfmpegErrors.firstLine(stderr)).isEqualTo("invalid residual");
        assertThat(FfmpegErrors.firstLine("Guessed Channel Layout for Input Stream #0.0 : mono\n")).isEmpty();
    }

    @Test
    void serverPathsNeverShow() {
        Path master = Path.of("/srv/gatefold/scratch/master.flac");
        assertThat(FfmpegErrors.firstLine(master + ": Invalid data found when processing input\n", master))
                .isEqualTo("the file: Invalid data found when processing input");
        assertThat(FfmpegErrors.firstLine("Could not open /tmp/cover-123.jpg\n")).isEqualTo("Could not open a file");
    }

    @Test
    void aSignalIsAStopNotAFailure() {
        assertThat(FfmpegErrors.stoppedBySignal(255)).as("ffmpeg after SIGTERM or SIGINT").isTrue();
        assertThat(FfmpegErrors.stoppedBySignal(137)).as("killed outright").isTrue();
        assertThat(FfmpegErrors.stoppedBySignal(1)).as("ffmpeg's own error").isFalse();
        assertThat(FfmpegErrors.stoppedBySignal(0)).isFalse();
    }
}
