package gatefold.server.films;

import static gatefold.server.films.FilmFixtures.ffmpeg;
import static gatefold.server.films.FilmFixtures.ffprobe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gatefold.server.common.Refusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Real films through real ffmpeg, read back by ffprobe as a second, independent HLS client. */
class FilmPackagingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void probeReportsWhatAPlayerWillShow() {
        FilmProber prober = new FilmProber(ffprobe());
        FilmProbe film = prober.probe(FilmFixtures.film720());
        assertThat(List.of(film.width(), film.height(), film.rotation())).containsExactly(1280, 720, 0);
        assertThat(film.duration().toMillis()).isBetween(19_900L, 20_100L);
        assertThat(film.frameRate().perSecond()).isEqualTo(24.0);
        assertThat(film.videoCodec()).isEqualTo("h264");
        assertThat(film.audioCodec()).contains("aac");

        FilmProbe phone = prober.probe(FilmFixtures.rotatedPhone());
        assertThat(List.of(phone.width(), phone.height())).containsExactly(720, 1280);
        assertThat(phone.rotation()).isIn(90, 270);
        assertThat(phone.portrait()).isTrue();

        FilmProbe mov = prober.probe(FilmFixtures.portrait());
        assertThat(List.of(mov.width(), mov.height())).containsExactly(720, 1280);

        FilmProbe silent = prober.probe(FilmFixtures.silent());
        assertThat(silent.hasAudio()).isFalse();
        assertThat(silent.container()).isEqualTo("matroska,webm");
    }

    @Test
    void damagedAndForeignFilesAreRefusedInPlainWords() throws IOException {
        FilmProber prober = new FilmProber(ffprobe());
        assertThatThrownBy(() -> prober.probe(FilmFixtures.truncated()))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.INVALID))
                .hasMessageContaining("damaged or cut short");

        Path noise = FilmFixtures.dir().resolve("noise.mp4");
        byte[] bytes = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(noise, bytes);
        assertThatThrownBy(() -> prober.probe(noise)).isInstanceOf(Refusal.class).hasMessageContaining("could not be read as a film");

        Path picture = FilmFixtures.dir().resolve("still.png");
        FilmFixtures.run(List.of("-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", picture.toString()));
        assertThatThrownBy(() -> prober.probe(picture)).isInstanceOf(Refusal.class).hasMessageContaining("MP4, MOV, MKV or WebM");

        Path sound = FilmFixtures.dir().resolve("tone.m4a");
        FilmFixtures.run(List.of("-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac", sound.toString()));
        assertThatThrownBy(() -> prober.probe(sound)).isInstanceOf(Refusal.class).hasMessageContaining("no picture");
    }

    @Test
    void a720pFilmBecomesTwoAlignedRenditionsThatFfprobeDecodes() throws Exception {
        PackedFilm packed = FilmFixtures.packed720();
        Path out = packed.outDir();
        assertThat(packed.variants()).extracting(MasterPlaylist.Variant::resolution).containsExactlyInAnyOrder("640x360", "1280x720");

        for (PackedFilm.OutputFile file : packed.files()) {
            assertThat(Files.size(out.resolve(file.path()))).as(file.path()).isEqualTo(file.bytes());
        }
        assertThat(packed.files()).extracting(PackedFilm.OutputFile::path)
                .contains("master.m3u8", "360p/init.mp4", "360p/playlist.m3u8", "720p/init.mp4", "720p/playlist.m3u8", "720p/seg_00000.m4s")
                .noneMatch(p -> p.contains("init_"));

        JsonNode streams = JSON.readTree(FilmFixtures.output(List.of(ffprobe().toString(), "-v", "error", "-show_entries",
                "stream=codec_type,width,height", "-of", "json", out.resolve("master.m3u8").toString()))).path("streams");
        List<String> sizes = new ArrayList<>();
        streams.forEach(s -> sizes.add(s.path("width").asInt() + "x" + s.path("height").asInt()));
        assertThat(sizes).contains("640x360", "1280x720");

        List<MediaPlaylist> playlists = new ArrayList<>();
        for (String rung : List.of("360p", "720p")) {
            Path playlist = out.resolve(rung).resolve("playlist.m3u8");
            String decoded = FilmFixtures.exec(List.of(ffmpeg().toString(), "-v", "error", "-i", playlist.toString(), "-t", "2", "-f", "null", "-"));
            assertThat(decoded).as("decoding the first segment of " + rung).isNull();
            playlists.add(MediaPlaylist.parse(Files.readString(playlist)));
        }
        assertAligned(playlists, 20.0);
        for (MasterPlaylist.Variant variant : packed.variants()) {
            assertThat(variant.codecs()).containsExactly(codecsFromFfprobe(out.resolve(variant.uri()).getParent()).toArray(String[]::new));
            assertThat(variant.bandwidth()).isGreaterThanOrEqualTo(variant.averageBandwidth());
        }
        String master = Files.readString(packed.masterPlaylist());
        assertThat(master).contains("RESOLUTION=1280x720", "FRAME-RATE=24.000", "AVERAGE-BANDWIDTH=", "#EXT-X-INDEPENDENT-SEGMENTS")
                .startsWith("#EXTM3U\n");
        assertThat(master.lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF")).findFirst().orElseThrow())
                .as("the rendition nearest 720p is listed first").contains("RESOLUTION=1280x720");
    }

    @Test
    void theDefaultPresetMakesHighProfileAndReportsProgressToTheEnd() throws Exception {
        Path film = FilmFixtures.film360();
        FilmProbe probe = new FilmProber(ffprobe()).probe(film);
        Ladder ladder = HlsLadder.plan(probe);
        assertThat(ladder.preset()).isEqualTo("veryfast");
        List<Duration> seen = new CopyOnWriteArrayList<>();
        PackedFilm packed = new HlsPackager(ffmpeg()).pack(film, ladder, FilmFixtures.freshDir("packed-360"), Duration.ofMinutes(2),
                (done, total) -> seen.add(done));
        assertThat(packed.variants()).singleElement().satisfies(v -> {
            assertThat(v.resolution()).isEqualTo("640x360");
            assertThat(v.codecs()).containsExactly("avc1.64001e", "mp4a.40.2");
        });
        assertThat(packed.variants().get(0).codecs()).isEqualTo(codecsFromFfprobe(packed.outDir().resolve("360p")));
        assertThat(seen).isNotEmpty().isSortedAccordingTo(Duration::compareTo);
        assertThat(seen.get(seen.size() - 1)).isEqualTo(probe.duration());
        assertAligned(List.of(MediaPlaylist.parse(Files.readString(packed.outDir().resolve("360p/playlist.m3u8")))), 7.0);
    }

    @Test
    void portraitRotatedAndSilentFilmsKeepTheirShape() throws Exception {
        FilmProber prober = new FilmProber(ffprobe());
        HlsPackager packager = new HlsPackager(ffmpeg());
        for (Path film : List.of(FilmFixtures.portrait(), FilmFixtures.rotatedPhone())) {
            Ladder ladder = HlsLadder.plan(prober.probe(film)).withPreset("ultrafast");
            PackedFilm packed = packager.pack(film, ladder, FilmFixtures.freshDir("packed-upright"), Duration.ofMinutes(2), ProgressListener.NONE);
            assertThat(packed.variants()).extracting(MasterPlaylist.Variant::resolution).containsExactlyInAnyOrder("360x640", "720x1280");
            JsonNode video = firstVideo(packed.outDir().resolve("720p/playlist.m3u8"));
            assertThat(List.of(video.path("width").asInt(), video.path("height").asInt())).as(film.toString()).containsExactly(720, 1280);
            assertThat(video.path("side_data_list").isMissingNode()).as("no rotation left for players to apply twice").isTrue();
        }
        Path silent = FilmFixtures.silent();
        PackedFilm packed = packager.pack(silent, HlsLadder.plan(prober.probe(silent)).withPreset("ultrafast"),
                FilmFixtures.freshDir("packed-silent"), Duration.ofMinutes(2), ProgressListener.NONE);
        assertThat(packed.variants()).singleElement().satisfies(v -> assertThat(v.codecs()).singleElement().asString().startsWith("avc1."));
        String types = FilmFixtures.output(List.of(ffprobe().toString(), "-v", "error", "-show_entries", "stream=codec_type", "-of", "csv=p=0",
                packed.outDir().resolve("360p/playlist.m3u8").toString()));
        assertThat(types.lines().filter(l -> !l.isBlank()).distinct()).containsExactly("video");
    }

    @Test
    void aRunPastItsTimeIsStoppedWithEverythingItStarted() {
        Path film = FilmFixtures.film720();
        Ladder ladder = HlsLadder.plan(new FilmProber(ffprobe()).probe(film));
        assertThatThrownBy(() -> new HlsPackager(ffmpeg()).pack(film, ladder, FilmFixtures.freshDir("too-slow"), Duration.ofMillis(700), ProgressListener.NONE))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.UNAVAILABLE));
        assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").contains("ffmpeg")).toList())
                .as("no ffmpeg left running").isEmpty();
    }

    /** Every rendition cuts at the same instants, every segment but the last is about 6 s, and together they cover the film. */
    static void assertAligned(List<MediaPlaylist> playlists, double filmSeconds) {
        MediaPlaylist first = playlists.get(0);
        for (MediaPlaylist p : playlists) {
            assertThat(p.totalSeconds()).isCloseTo(filmSeconds, within(0.1));
            assertThat(p.cutTimes()).hasSameSizeAs(first.cutTimes());
            for (int i = 0; i < p.cutTimes().size(); i++) {
                assertThat(p.cutTimes().get(i)).isCloseTo(first.cutTimes().get(i), within(0.001));
            }
            for (MediaPlaylist.Segment s : p.segments().subList(0, p.segments().size() - 1)) {
                assertThat(s.seconds()).isCloseTo(6.0, within(0.05));
            }
        }
    }

    /** What ffprobe says the rendition holds, written as RFC 6381 codec strings, from its init and first segment. */
    static List<String> codecsFromFfprobe(Path rungDir) throws IOException {
        Path joined = Files.createTempFile(FilmFixtures.dir(), "first", ".mp4");
        Files.write(joined, Files.readAllBytes(rungDir.resolve("init.mp4")));
        Files.write(joined, Files.readAllBytes(rungDir.resolve("seg_00000.m4s")), java.nio.file.StandardOpenOption.APPEND);
        JsonNode streams = JSON.readTree(FilmFixtures.output(List.of(ffprobe().toString(), "-v", "error", "-show_entries",
                "stream=codec_type,profile,level", "-of", "json", joined.toString()))).path("streams");
        List<String> codecs = new ArrayList<>();
        for (JsonNode s : streams) {
            if (s.path("codec_type").asText().equals("video")) {
                String profile = switch (s.path("profile").asText()) {
                    case "Constrained Baseline" -> "42c0";
                    case "Baseline" -> "4200";
                    case "Main" -> "4d00";
                    case "High" -> "6400";
                    default -> throw new AssertionError("unexpected profile " + s.path("profile"));
                };
                codecs.add(0, "avc1." + profile + String.format(Locale.ROOT, "%02x", s.path("level").asInt()));
            } else {
                assertThat(s.path("profile").asText()).isEqualTo("LC");
                codecs.add("mp4a.40.2");
            }
        }
        return codecs;
    }

    private static JsonNode firstVideo(Path playlist) throws IOException {
        JsonNode streams = JSON.readTree(FilmFixtures.output(List.of(ffprobe().toString(), "-v", "error", "-show_entries",
                "stream=codec_type,width,height:stream_side_data=rotation", "-of", "json", playlist.toString()))).path("streams");
        for (JsonNode s : streams) {
            if (s.path("codec_type").asText().equals("video")) {
                return s;
            }
        }
        throw new AssertionError("no video in " + playlist);
    }
}
