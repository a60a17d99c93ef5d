package gatefold.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.OsTool;
import gatefold.server.common.Refusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncodingLimitsTest {

    static final TrackTags ONLY_A_TITLE = new TrackTags("Just a title", "", "", "", 0, 0, 0, 0, 0, "", "", "", "", "");

    @TempDir
    static Path dir;
    static Transcoder transcoder;
    static Path master;

    @BeforeAll
    static void master() {
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        transcoder = new Transcoder(MediaTools.detect(Optional.empty(), Optional.empty()));
        master = MediaFixtures.sine(dir, "long.flac", 60, 44_100, "-c:a", "flac");
    }

    @Test
    void anEncodeThatOverrunsIsStoppedAndLeavesNothingBehind() throws IOException {
        Path out = dir.resolve("slow.mp3");
        assertThatThrownBy(() -> transcoder.encode(master, AudioFormat.MP3_V0, ONLY_A_TITLE, Optional.empty(), out,
                Duration.ofMillis(50))).isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.code()).isEqualTo("transcode_timeout");
                    assertThat(r.getMessage()).startsWith("making the MP3 V0 file took longer than");
                });
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("slow"));
        }
    }

    @Test
    void unsetTagsAreLeftOutNotWrittenEmpty() {
        for (AudioFormat format : new AudioFormat[] {AudioFormat.FLAC, AudioFormat.MP3_320, AudioFormat.AAC, AudioFormat.WAV}) {
            Path out = dir.resolve("sparse." + format.extension());
            transcoder.encode(master, format, ONLY_A_TITLE, Optional.empty(), out, Duration.ofSeconds(60));
            ReadBack back = ReadBack.of(out);
            assertThat(back.tag("title")).isEqualTo("Just a title");
            assertThat(back.tags()).as(format.id()).doesNotContainKeys("artist", "album", "track", "date", "comment", "credits");
            assertThat(back.coverSha256()).isEmpty();
        }
    }

    @Test
    void aHighResolutionMasterKeepsItsRateExceptInMp3AndOpus() {
        Path hiRes = MediaFixtures.sine(dir, "hires.flac", 2, 96_000, "-c:a", "flac", "-sample_fmt", "s32",
                "-bits_per_raw_sample", "24");
        Map<AudioFormat, Integer> expected = Map.of(AudioFormat.MP3_320, 48_000, AudioFormat.OPUS, 48_000,
                AudioFormat.FLAC, 96_000, AudioFormat.AAC, 96_000);
        expected.forEach((format, rate) -> {
            Path out = dir.resolve("hires." + format.id() + "." + format.extension());
            transcoder.encode(hiRes, format, ONLY_A_TITLE, Optional.empty(), out, Duration.ofSeconds(60));
            assertThat(ReadBack.of(out).sampleRate()).as(format.id()).isEqualTo(rate);
        });
        AudioMaster at192 = new AudioMaster("flac", "FLAC", 1000, 176_400, OptionalInt.of(24), 2, 0, true, false);
        assertThat(EncodeRecipe.codecArgs(AudioFormat.MP3_V0, at192)).containsSequence("-ar", "44100");
        assertThat(EncodeRecipe.codecArgs(AudioFormat.AAC, at192)).containsSequence("-ar", "88200");
        assertThat(EncodeRecipe.codecArgs(AudioFormat.WAV, at192)).doesNotContain("-ar");
    }

    @Test
    void theOriginalIsNotEncodedAndACoverMustBeAJpeg() throws IOException {
        assertThatThrownBy(() -> transcoder.encode(master, AudioFormat.ORIGINAL, ONLY_A_TITLE, Optional.empty(),
                dir.resolve("x"), Duration.ofSeconds(5))).isInstanceOf(Refusal.class);
        Path png = Files.write(dir.resolve("cover.jpg"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        assertThatThrownBy(() -> transcoder.encode(master, AudioFormat.FLAC, ONLY_A_TITLE, Optional.of(png),
                dir.resolve("x.flac"), Duration.ofSeconds(5))).isInstanceOf(Refusal.class).hasMessage("the cover must be a JPEG image");
        Files.delete(png);
    }
}
