package gatefold.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.OsTool;
import gatefold.server.common.Refusal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewTest {

    static final int RATE = 48_000;

    @TempDir
    static Path dir;
    static Transcoder transcoder;
    static Path master;

    @BeforeAll
    static void master() {
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        transcoder = new Transcoder(MediaTools.detect(Optional.empty(), Optional.empty()));
        master = MediaFixtures.sine(dir, "song.wav", 8, 44_100, "-c:a", "pcm_s24le");
    }

    @Test
    void aClipLastsItsLengthIsLoudnessNormalisedAndFadesInAndOut() throws IOException {
        Path preview = dir.resolve("clip.m4a");
        transcoder.preview(master, PreviewClip.of(Duration.ofSeconds(2), Duration.ofSeconds(4)), preview, Duration.ofSeconds(60));

        ReadBack back = ReadBack.of(preview);
        assertThat(back.audio().path("codec_name").asText()).isEqualTo("aac");
        assertThat(back.sampleRate()).isEqualTo(RATE);
        assertThat(back.durationMs()).isCloseTo(4000, Offset.offset(50L));
        assertThat(back.tags()).doesNotContainKeys("title", "artist");
        assertThat(integratedLoudness(preview)).isCloseTo(Loudness.TARGET_LUFS, Offset.offset(1.0));

        short[] samples = decode(preview);
        double middle = rms(samples, 1.9, 2.1);
        assertThat(rms(samples, 0.0, 0.1)).as("first 100 ms").isLessThan(middle / 4);
        assertThat(rms(samples, 3.9, 4.0)).as("last 100 ms").isLessThan(middle / 4);
        assertThat(moovBeforeMdat(preview)).as("faststart: a player starts before the whole file arrives").isTrue();
    }

    @Test
    void theWholeTrackIsNotFadedAndAClipPastTheEndStopsAtTheEnd() throws IOException {
        Path whole = dir.resolve("whole.m4a");
        transcoder.preview(master, PreviewClip.whole(), whole, Duration.ofSeconds(60));
        assertThat(ReadBack.of(whole).durationMs()).isCloseTo(8000, Offset.offset(50L));
        short[] samples = decode(whole);
        assertThat(rms(samples, 0.05, 0.15)).isGreaterThan(rms(samples, 3.9, 4.1) / 2);

        Path tail = dir.resolve("tail.m4a");
        transcoder.preview(master, PreviewClip.of(Duration.ofSeconds(5), Duration.ofSeconds(30)), tail, Duration.ofSeconds(60));
        assertThat(ReadBack.of(tail).durationMs()).isCloseTo(3000, Offset.offset(50L));
        short[] end = decode(tail);
        assertThat(rms(end, 2.9, 3.0)).as("fades out at the track's end").isLessThan(rms(end, 1.4, 1.6) / 4);

        assertThatThrownBy(() -> transcoder.preview(master, PreviewClip.of(Duration.ofSeconds(7), Duration.ofSeconds(30)),
                dir.resolve("late.m4a"), Duration.ofSeconds(60))).isInstanceOf(Refusal.class)
                .hasMessageContaining("at least 2 seconds before the track ends");
    }

    /** Integrated loudness as ffmpeg's ebur128 filter measures it (an independent meter). */
    private static double integratedLoudness(Path file) {
        String output = MediaFixtures.ffmpeg(List.of("-v", "info", "-nostats", "-i", file.toString(), "-af", "ebur128",
                "-f", "null", "-"));
        Matcher summary = Pattern.compile("Integrated loudness:\\s+I:\\s+(-?[0-9.]+) LUFS").matcher(output);
        assertThat(summary.find()).as(output).isTrue();
        return Double.parseDouble(summary.group(1));
    }

    /** The preview decoded to mono 16-bit samples at 48 kHz. */
    private static short[] decode(Path file) throws IOException {
        Process process = new ProcessBuilder(OsTool.FFMPEG.require().toString(), "-nostdin", "-v", "error", "-i", file.toString(),
                "-ac", "1", "-ar", String.valueOf(RATE), "-f", "s16le", "-").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] bytes = process.getInputStream().readAllBytes();
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    private static double rms(short[] samples, double fromSeconds, double toSeconds) {
        int from = (int) (fromSeconds * RATE);
        int to = Math.min(samples.length, (int) (toSeconds * RATE));
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    private static boolean moovBeforeMdat(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        return text.indexOf("moov") >= 0 && text.indexOf("moov") < text.indexOf("mdat");
    }
}
