package gatefold.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.OsTool;
import gatefold.server.common.Refusal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatOfferTest {

    static final Set<AudioFormat> EVERYTHING = EnumSet.allOf(AudioFormat.class);
    static final AudioMaster FLAC = new AudioMaster("flac", "FLAC", 180_000, 44_100, OptionalInt.of(24), 2, 1_400_000, true, false);

    @TempDir
    Path dir;

    @Test
    void aLosslessMasterIsOfferedInEveryFormat() {
        assertThat(FormatOffer.forMaster(FLAC, EVERYTHING)).hasSize(AudioFormat.values().length).allMatch(FormatOffer::offered);
    }

    @Test
    void aLossyMasterIsOfferedAsItselfAndAsLossyFormatsNoLargerThanItNeverAsLossless() {
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        MediaTools tools = MediaTools.detect(Optional.empty(), Optional.empty());
        Path mp3 = MediaFixtures.sine(dir, "master.mp3", 3, 44_100, "-c:a", "libmp3lame", "-b:a", "192k");
        AudioMaster master = new Probe(tools).audio(mp3);

        Map<AudioFormat, FormatOffer> offers = FormatOffer.forMaster(master, tools.formats()).stream()
                .collect(Collectors.toMap(FormatOffer::format, o -> o));
        assertThat(offers.values().stream().filter(FormatOffer::offered).map(FormatOffer::format))
                .containsExactlyInAnyOrder(AudioFormat.ORIGINAL, AudioFormat.VORBIS, AudioFormat.OPUS);
        assertThat(offers.get(AudioFormat.FLAC).whyNot().orElseThrow())
                .contains("FLAC is lossless", "192 kb/s MP3 master", "Upload a WAV, AIFF, FLAC or ALAC master");
        assertThat(offers.get(AudioFormat.MP3_320).whyNot().orElseThrow())
                .contains("MP3 320 (about 320 kb/s) would be larger than this 192 kb/s MP3 master");
        assertThat(offers.get(AudioFormat.AAC).whyNot()).isPresent();
        assertThat(offers.get(AudioFormat.MP3_V0).whyNot()).isPresent();

        Transcoder transcoder = new Transcoder(tools);
        TrackTags tags = new TrackTags("Demo", "Band", "", "", 0, 0, 0, 0, 0, "", "", "", "", "");
        assertThatThrownBy(() -> transcoder.encode(mp3, AudioFormat.WAV, tags, Optional.empty(), dir.resolve("fake.wav"),
                Duration.ofSeconds(30))).isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("format_not_offered"));
        assertThat(dir.resolve("fake.wav")).doesNotExist();

        Path opus = dir.resolve("demo.opus");
        transcoder.encode(mp3, AudioFormat.OPUS, tags, Optional.empty(), opus, Duration.ofSeconds(30));
        ReadBack back = ReadBack.of(opus);
        assertThat(back.tag("title")).isEqualTo("Demo");
        assertThat(back.sampleRate()).isEqualTo(48_000);
        assertThat(back.coverSha256()).isEmpty();
    }

    @Test
    void aFormatTheStoreCannotMakeSaysSo() {
        Set<AudioFormat> noOpus = EnumSet.complementOf(EnumSet.of(AudioFormat.OPUS));
        FormatOffer opus = FormatOffer.decide(FLAC, AudioFormat.OPUS, noOpus);
        assertThat(opus.offered()).isFalse();
        assertThat(opus.whyNot().orElseThrow()).contains("cannot make Opus files");
        assertThat(FormatOffer.decide(FLAC, AudioFormat.ORIGINAL, Set.of()).offered()).isTrue();
    }

    @Test
    void vbrMastersGetSomeSlackAndTheTableLivesInTheFormats() {
        AudioMaster vorbisQ6 = new AudioMaster("vorbis", "Ogg", 180_000, 44_100, OptionalInt.empty(), 2, 186_000, false, false);
        assertThat(FormatOffer.decide(vorbisQ6, AudioFormat.VORBIS, EVERYTHING).offered()).isTrue();
        assertThat(FormatOffer.decide(vorbisQ6, AudioFormat.AAC, EVERYTHING).offered()).isFalse();
        assertThat(List.of(AudioFormat.values()).stream().filter(f -> !f.lossless() && !f.isOriginal())
                .allMatch(f -> f.nominalKbps() > 0)).isTrue();
        assertThat(AudioFormat.fromId("mp3-v0")).isEqualTo(AudioFormat.MP3_V0);
        assertThatThrownBy(() -> AudioFormat.fromId("mp3")).isInstanceOf(Refusal.class);
    }
}
