package gatefold.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.OsTool;
import gatefold.server.common.Refusal;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeTest {

    @TempDir
    static Path dir;
    static Probe probe;
    static Path flac;

    @BeforeAll
    static void tools() {
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        probe = new Probe(MediaTools.detect(Optional.empty(), Optional.empty()));
        flac = MediaFixtures.sine(dir, "good.flac", 3, 44_100, "-c:a", "flac", "-sample_fmt", "s32", "-bits_per_raw_sample", "24");
    }

    @Test
    void losslessMastersShowTheirDepthRateChannelsAndLength() {
        AudioMaster master = probe.audio(flac);
        assertThat(master.codec()).isEqualTo("flac");
        assertThat(master.container()).isEqualTo("FLAC");
        assertThat(master.durationMs()).isEqualTo(3000);
        assertThat(master.sampleRate()).isEqualTo(44_100);
        assertThat(master.bitDepth()).hasValue(24);
        assertThat(master.channels()).isEqualTo(2);
        assertThat(master.lossless()).isTrue();
        assertThat(master.hasCover()).isFalse();
        assertThat(master.describe()).isEqualTo("FLAC, 24-bit, 44.1 kHz, stereo, 0:03");

        AudioMaster wav = probe.audio(MediaFixtures.sine(dir, "m16.wav", 3, 48_000, "-c:a", "pcm_s16le"));
        assertThat(wav.describe()).isEqualTo("WAV, 16-bit, 48 kHz, stereo, 0:03");
        AudioMaster aiff = probe.audio(MediaFixtures.sine(dir, "m24.aiff", 3, 44_100, "-c:a", "pcm_s24be"));
        assertThat(aiff.describe()).isEqualTo("AIFF, 24-bit, 44.1 kHz, stereo, 0:03");
    }

    @Test
    void aLossyMasterShowsItsBitrateAndNoBitDepth() {
        AudioMaster mp3 = probe.audio(MediaFixtures.sine(dir, "m.mp3", 3, 44_100, "-c:a", "libmp3lame", "-b:a", "192k"));
        assertThat(mp3.lossless()).isFalse();
        assertThat(mp3.bitDepth()).isEmpty();
        assertThat(mp3.kbps()).isEqualTo(192);
        assertThat(mp3.durationMs()).isCloseTo(3000, Offset.offset(50L));
        assertThat(mp3.describe()).startsWith("MP3, 192 kb/s, 44.1 kHz, stereo");
    }

    @Test
    void aFlacWithDamagedFramesIsRefusedNamingTheProblem() throws IOException {
        Path damaged = dir.resolve("damaged.flac");
        Files.copy(flac, damaged);
        try (RandomAccessFile file = new RandomAccessFile(damaged.toFile(), "rw")) {
            for (long at = file.length() / 2; at < file.length() / 2 + 600; at += 7) {
                file.seek(at);
                int b = file.read();
                file.seek(at);
                file.write(b ^ 0xff);
            }
        }
        assertRefused(damaged, "audio_damaged", "this FLAC is damaged: ");
    }

    @Test
    void aFlacCutShortIsRefusedThoughFfprobeAloneAcceptsIt() throws IOException {
        for (double fraction : List.of(0.6, 0.9)) {
            Path cut = dir.resolve("cut-" + fraction + ".flac");
            byte[] bytes = Files.readAllBytes(flac);
            Files.write(cut, java.util.Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
            assertThat(MediaFixtures.ffprobe(List.of("-show_format", cut.toString()))).contains("duration=3.0");
            assertRefused(cut, "audio_damaged", "this FLAC is damaged: ");
        }
    }

    @Test
    void aFlacCutBetweenFramesDecodesCleanlyButIsRefusedAsCutShort() throws IOException {
        byte[] bytes = Files.readAllBytes(flac);
        int first = frameStart(bytes, 0, -1);
        int cutAt = frameStart(bytes, bytes.length * 6 / 10, first);
        Path cut = Files.write(dir.resolve("cut-between-frames.flac"), java.util.Arrays.copyOf(bytes, cutAt));
        assertRefused(cut, "audio_damaged", "this FLAC is damaged: it is cut short, holding 1.");
    }

    /** A FLAC frame header: sync code, then the same block-size and sample-size bytes as the first frame. */
    private static int frameStart(byte[] bytes, int from, int like) {
        for (int i = from; i + 4 < bytes.length; i++) {
            boolean sync = (bytes[i] & 0xff) == 0xff && (bytes[i + 1] & 0xfe) == 0xf8;
            if (sync && (like < 0 || (bytes[i + 2] == bytes[like + 2] && bytes[i + 3] == bytes[like + 3]))) {
                return i;
            }
        }
        throw new AssertionError("no FLAC frame after " + from);
    }

    @Test
    void textRenamedToFlacIsNotAudio() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.flac"), "These are my liner notes, not a song.\n");
        assertRefused(text, "audio_unreadable", "this file is not audio Gatefold can read");
    }

    @Test
    void aPlaylistDisguisedAsAudioIsNeverFollowed() throws IOException {
        Path concat = Files.writeString(dir.resolve("sneaky.mp3"), "ffconcat version 1.0\nfile good.flac\n");
        Path hls = Files.writeString(dir.resolve("sneaky.wav"), "#EXTM3U\n#EXTINF:3,\ngood.flac\n");
        assertRefused(concat, "media_unreadable", "this file is not");
        assertRefused(hls, "media_unreadable", "this file is not");
    }

    @Test
    void aFilmWithoutSoundHasNoAudioStreamAndAFilmIsMeasured() {
        Path film = dir.resolve("film.mp4");
        MediaFixtures.ffmpeg(List.of("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=2", "-f", "lavfi", "-i",
                "sine=duration=2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
                "-shortest", film.toString()));
        Path silent = dir.resolve("silent.mp4");
        MediaFixtures.ffmpeg(List.of("-i", film.toString(), "-an", "-c", "copy", silent.toString()));

        assertRefused(silent, "no_audio_stream", "this file has no audio stream");
        VideoMaster video = probe.video(film);
        assertThat(video.width()).isEqualTo(320);
        assertThat(video.height()).isEqualTo(240);
        assertThat(video.frameRate()).isEqualTo(25.0);
        assertThat(video.videoCodec()).isEqualTo("h264");
        assertThat(video.audioCodec()).contains("aac");
        assertThat(video.container()).isEqualTo("MP4");
        assertThat(video.durationMs()).isCloseTo(2000, Offset.offset(100L));
        assertThatThrownBy(() -> probe.video(flac)).isInstanceOf(Refusal.class);
    }

    private static void assertRefused(Path file, String code, String messageStart) {
        assertThatThrownBy(() -> probe.audio(file))
                .isInstanceOfSatisfying(Refusal.class, refusal -> {
                    assertThat(refusal.kind()).isEqualTo(Refusal.Kind.INVALID);
                    assertThat(refusal.code()).as(refusal.getMessage()).isEqualTo(code);
                    assertThat(refusal.getMessage()).startsWith(messageStart).doesNotContain(dir.toString())
                            .doesNotContain("Exception").doesNotContain("\n");
                });
    }
}
