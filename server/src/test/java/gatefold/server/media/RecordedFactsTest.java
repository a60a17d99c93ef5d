package gatefold.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.OsTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A derived file is encoded from the facts its master's check recorded, without running
 * ffprobe again; the facts are the ones a fresh probe finds, so the encode is the same.
 */
class RecordedFactsTest {

    @TempDir
    static Path dir;
    static Path probeCalls;
    static Transcoder transcoder;
    static Probe probe;
    static Path master;

    @BeforeAll
    static void tools() throws IOException {
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        MediaTools real = MediaTools.detect(Optional.empty(), Optional.empty());
        // an ffprobe that notes each run, then is the real one
        probeCalls = dir.resolve("probe-calls");
        Files.writeString(probeCalls, "");
        Path counting = dir.resolve("ffprobe");
        Files.writeString(counting, "#!/bin/sh\necho run >> '" + probeCalls + "'\nexec '" + real.ffprobe() + "' \"$@\"\n");
        Files.setPosixFilePermissions(counting, PosixFilePermissions.fromString("rwxr-xr-x"));
        MediaTools tools = MediaTools.detect(Optional.of(real.ffmpeg()), Optional.of(counting));
        transcoder = new Transcoder(tools);
        probe = new Probe(tools);
        master = MediaFixtures.sine(dir, "master.wav", 3, 48_000, "-c:a", "pcm_s24le");
    }

    @Test
    void aCheckedMasterIsEncodedWithoutProbingItAgain() throws IOException {
        AudioMaster probed = probe.read(master);
        Optional<AudioMaster> recorded = MediaCheck.of("fil_1", "key", probed, Instant.now()).recordedAudio();
        assertThat(recorded).isPresent();
        long before = calls();
        Path out = dir.resolve("from-check.flac");
        transcoder.encode(master, recorded, AudioFormat.FLAC, EncodingLimitsTest.ONLY_A_TITLE, Optional.empty(), out,
                Duration.ofSeconds(60));
        assertThat(calls()).isEqualTo(before);
        ReadBack back = ReadBack.of(out);
        assertThat(back.sampleRate()).isEqualTo(48_000);
        assertThat(back.bitDepth()).isEqualTo(24);
        assertThat(back.durationMs()).isBetween(2_950L, 3_050L);

        transcoder.encode(master, AudioFormat.FLAC, EncodingLimitsTest.ONLY_A_TITLE, Optional.empty(),
                dir.resolve("probed.flac"), Duration.ofSeconds(60));
        assertThat(calls()).isEqualTo(before + 1);
    }

    @Test
    void theRecordedFactsAreWhatAProbeFinds() {
        AudioMaster probed = probe.read(master);
        AudioMaster recorded = MediaCheck.of("fil_1", "key", probed, Instant.now()).recordedAudio().orElseThrow();
        for (AudioFormat format : AudioFormat.values()) {
            if (!format.isOriginal()) {
                assertThat(EncodeRecipe.codecArgs(format, recorded)).as(format.id()).isEqualTo(EncodeRecipe.codecArgs(format, probed));
            }
        }
        assertThat(recorded.lossless()).isEqualTo(probed.lossless());
        assertThat(recorded.kbps()).isEqualTo(probed.kbps());
    }

    @Test
    void aCheckWithoutTheFactsLeavesItToTheProbe() {
        assertThat(MediaCheck.problem("fil_1", "key", "damaged", Instant.now()).recordedAudio()).isEmpty();
        MediaCheck noRate = new MediaCheck("fil_1", "key", MediaCheck.State.OK, null, "pcm_s16le", "wav", 3000L, null, 16, 2,
                1411L, true, null, null, Instant.now());
        assertThat(noRate.recordedAudio()).isEmpty();
        MediaCheck lossyWithoutBitrate = new MediaCheck("fil_1", "key", MediaCheck.State.OK, null, "mp3", "mp3", 3000L, 44_100,
                null, 2, null, false, null, null, Instant.now());
        assertThat(lossyWithoutBitrate.recordedAudio()).isEmpty();
    }

    private static long calls() throws IOException {
        return Files.readAllLines(probeCalls).size();
    }
}
