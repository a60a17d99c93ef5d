package gatefold.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.OsTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every format from every kind of lossless master, read back by ffprobe and, for ID3 chunks, by a second reader. */
class EveryFormatTest {

    /** A shell would create this file if any tag value were ever run as a command. */
    static final Path PWNED = Path.of(System.getProperty("java.io.tmpdir"), "gatefold-pwned-" + UUID.randomUUID());
    /** Quotes, a command substitution, backticks, semicolons and every character ffmetadata escapes. */
    static final String HOSTILE_TITLE = "It's \"Loud\"; $(touch " + PWNED + ") `touch " + PWNED + "` = # \\ ; end";
    /** 300 characters of accents, CJK, emoji and combining marks, given decomposed (NFD). */
    static final String LONG_ALBUM = longUnicode();
    static final TrackTags TAGS = new TrackTags(HOSTILE_TITLE, Normalizer.normalize("Sigur Rós & Björk", Normalizer.Form.NFD),
            LONG_ALBUM, "Various Ártists", 3, 12, 1, 2, 2024, "Post-rock; ambient", "Ada #1 \\ Lovelace",
            "Mixed by Ana\nMastered by Bo", "℗ 2024 Gatefold Records — CC BY-NC 4.0", "https://music.example/r/long-album?x=1&y=2");

    @TempDir
    static Path dir;
    static Transcoder transcoder;
    static Probe probe;
    static Path cover;
    static String coverSha256;
    static final Map<String, Path> MASTERS = new LinkedHashMap<>();
    static final Map<String, AudioMaster> PROBED = new LinkedHashMap<>();

    @BeforeAll
    static void makeMasters() {
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        MediaTools tools = MediaTools.detect(Optional.empty(), Optional.empty());
        transcoder = new Transcoder(tools);
        probe = new Probe(tools);
        cover = MediaFixtures.cover(dir);
        MASTERS.put("wav-24bit-44k", MediaFixtures.sine(dir, "m24.wav", 3, 44_100, "-c:a", "pcm_s24le"));
        MASTERS.put("aiff-24bit-44k", MediaFixtures.sine(dir, "m24.aiff", 3, 44_100, "-c:a", "pcm_s24be"));
        MASTERS.put("flac-24bit-44k", MediaFixtures.sine(dir, "m24.flac", 3, 44_100, "-c:a", "flac", "-sample_fmt", "s32",
                "-bits_per_raw_sample", "24"));
        MASTERS.put("wav-16bit-48k", MediaFixtures.sine(dir, "m16.wav", 3, 48_000, "-c:a", "pcm_s16le"));
        MASTERS.forEach((name, path) -> PROBED.put(name, probe.audio(path)));
        coverSha256 = sha256(cover);
        assertThat(cover.toFile().length()).as("a cover larger than one argument may be").isGreaterThan(128 * 1024);
    }

    static String sha256(Path file) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @AfterAll
    static void noTagValueWasEverRunAsACommand() {
        assertThat(PWNED).doesNotExist();
    }

    static Stream<Arguments> mastersAndFormats() {
        List<Arguments> cases = new ArrayList<>();
        for (String master : List.of("wav-24bit-44k", "aiff-24bit-44k", "flac-24bit-44k", "wav-16bit-48k")) {
            for (AudioFormat format : AudioFormat.values()) {
                if (!format.isOriginal()) {
                    cases.add(Arguments.of(master, format));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("mastersAndFormats")
    void everyFormatCarriesEveryTagTheCoverAndTheMastersSound(String masterName, AudioFormat format) throws Exception {
        Path master = MASTERS.get(masterName);
        AudioMaster source = PROBED.get(masterName);
        Path out = dir.resolve(masterName + "." + format.id() + "." + format.extension());

        transcoder.encode(master, format, TAGS, Optional.of(cover), out, Duration.ofSeconds(60));

        ReadBack back = ReadBack.of(out);
        assertEveryTag(back, format);
        assertThat(back.coverSha256()).as("the cover's exact bytes in %s", format).contains(coverSha256);
        assertThat(back.durationMs()).as("duration of %s", format).isCloseTo(source.durationMs(), org.assertj.core.data.Offset.offset(50L));
        int rate = format == AudioFormat.OPUS ? 48_000 : format.id().startsWith("mp3") ? Math.min(48_000, source.sampleRate())
                : source.sampleRate();
        assertThat(back.sampleRate()).as("sample rate of %s", format).isEqualTo(rate);
        assertThat(back.channels()).isEqualTo(source.channels());
        if (format.lossless()) {
            assertThat(back.bitDepth()).as("bit depth of %s", format).isEqualTo(source.bitDepth().getAsInt());
        }
        if (masterName.equals("wav-24bit-44k")) { // once per format: the upload check accepts what we make
            AudioMaster made = probe.audio(out);
            assertThat(made.lossless()).isEqualTo(format.lossless());
            assertThat(made.hasCover()).isTrue();
        }
        assertThat(Files.list(dir).filter(p -> p.getFileName().toString().startsWith("." + out.getFileName()))).isEmpty();
    }

    @Test
    void wavAndAiffCarryAnId3v23ChunkThatASecondReaderReads() throws Exception {
        for (AudioFormat format : List.of(AudioFormat.WAV, AudioFormat.AIFF)) {
            Path out = dir.resolve("second-reader." + format.extension());
            transcoder.encode(MASTERS.get("wav-24bit-44k"), format, TAGS, Optional.of(cover), out, Duration.ofSeconds(60));

            Id3ChunkReader id3 = Id3ChunkReader.read(out);
            assertThat(id3.version()).as(format.id()).isEqualTo(3);
            assertThat(id3.frames()).as(format.id()).containsEntry("TIT2", TAGS.title()).containsEntry("TPE1", TAGS.artist())
                    .containsEntry("TALB", LONG_ALBUM).containsEntry("TPE2", TAGS.albumArtist()).containsEntry("TRCK", "3/12")
                    .containsEntry("TPOS", "1/2").containsEntry("TYER", "2024").containsEntry("TCON", TAGS.genre())
                    .containsEntry("TCOM", TAGS.composer()).containsEntry("TCOP", TAGS.copyright())
                    .containsEntry("COMM", TAGS.comment());
            assertThat(id3.frames().entrySet()).as(format.id())
                    .anyMatch(e -> e.getKey().equalsIgnoreCase("TXXX:CREDITS") && e.getValue().equals(TAGS.credits()));
            assertThat(id3.picture()).as(format.id()).isEqualTo(Files.readAllBytes(cover));
            assertThat(id3.pictureType()).as("front cover in %s", format.id()).isEqualTo(3);
        }
    }

    static void assertEveryTag(ReadBack back, AudioFormat format) {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("title", TAGS.title());
        expected.put("artist", Normalizer.normalize("Sigur Rós & Björk", Normalizer.Form.NFC));
        expected.put("album", LONG_ALBUM);
        expected.put("album_artist", TAGS.albumArtist());
        expected.put("date", "2024");
        expected.put("genre", TAGS.genre());
        expected.put("composer", TAGS.composer());
        expected.put("credits", TAGS.credits());
        expected.put("copyright", TAGS.copyright());
        expected.put("comment", TAGS.comment());
        expected.forEach((key, value) -> assertThat(back.tag(key)).as("%s in %s (all: %s)", key, format, back.tags()).isEqualTo(value));
        assertThat(numberAndTotal(back, "track", "tracktotal")).as("track in %s", format).isEqualTo("3/12");
        assertThat(numberAndTotal(back, "disc", "disctotal")).as("disc in %s", format).isEqualTo("1/2");
    }

    /** "3/12" whether the container holds it in one field (ID3, MP4) or two (Vorbis comments). */
    private static String numberAndTotal(ReadBack back, String key, String totalKey) {
        String total = back.tag(totalKey);
        return total == null ? back.tag(key) : back.tag(key) + "/" + total;
    }

    private static String longUnicode() {
        String piece = "Ünïcödé 日本語の歌 🎵 Ελληνικά ";
        StringBuilder text = new StringBuilder();
        while (text.codePointCount(0, text.length()) < 300) {
            text.append(piece);
        }
        String nfc = text.substring(0, text.offsetByCodePoints(0, 300));
        return Normalizer.normalize(nfc, Normalizer.Form.NFC);
    }
}
