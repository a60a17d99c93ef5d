package gatefold.server.films;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PlaylistRewriterTest {

    private static final Function<String, String> TOKENED = name -> "https://store.example/f/tok-123/" + name;

    @Test
    void everyUriInAMediaPlaylistIsReplacedAndNothingElseChanges() {
        String stored = """
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-TARGETDURATION:6
                #EXT-X-MAP:URI="init.mp4"
                #EXT-X-FUTURE-TAG:FOO=1,BAR="a,b"
                #EXTINF:6.000000,
                seg_00000.m4s
                #EXTINF:2.000000,
                seg_00001.m4s
                #EXT-X-ENDLIST
                """;
        List<String> asked = new ArrayList<>();
        String served = PlaylistRewriter.media(stored, name -> {
            asked.add(name);
            return TOKENED.apply(name);
        });
        assertThat(asked).containsExactly("init.mp4", "seg_00000.m4s", "seg_00001.m4s");
        assertThat(served).isEqualTo(stored.replace("\"init.mp4\"", "\"https://store.example/f/tok-123/init.mp4\"")
                .replace("\nseg_", "\nhttps://store.example/f/tok-123/seg_"));
    }

    @Test
    void masterPlaylistRenditionsAndSubtitleUrisAreReplacedAttributeByAttribute() {
        String stored = Subtitles.offerIn("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=900000,CODECS=\"avc1.64001e,mp4a.40.2\"\n360p/playlist.m3u8\n",
                List.of(new SubtitleTrack("en", "Tricky, URI=\"x\"", "subtitles/en.m3u8", false)));
        List<String> asked = new ArrayList<>();
        String served = PlaylistRewriter.master(stored, name -> {
            asked.add(name);
            return TOKENED.apply(name);
        });
        assertThat(asked).containsExactly("subtitles/en.m3u8", "360p/playlist.m3u8");
        assertThat(served).contains("NAME=\"Tricky, URI='x'\"", "URI=\"https://store.example/f/tok-123/subtitles/en.m3u8\"",
                "CODECS=\"avc1.64001e,mp4a.40.2\"", "\nhttps://store.example/f/tok-123/360p/playlist.m3u8\n");
    }

    @Test
    void urlsThatCouldBreakAPlaylistAreRefused() {
        String stored = "#EXTM3U\n#EXTINF:6,\nseg_00000.m4s\n";
        for (String bad : List.of("https://x/a\n#EXT-X-ENDLIST", "https://x/\"a", "https://x/a b", "#comment", "")) {
            assertThatThrownBy(() -> PlaylistRewriter.media(stored, name -> bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        for (String stranger : List.of("../secret.m4s", "/abs.m4s", "https://elsewhere/x.m4s", "seg.m4s?x=1")) {
            assertThatThrownBy(() -> PlaylistRewriter.media("#EXTM3U\n" + stranger + "\n", TOKENED)).as(stranger).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> PlaylistRewriter.media("seg.m4s\n", TOKENED)).hasMessageContaining("#EXTM3U");
        assertThatThrownBy(() -> PlaylistRewriter.master("#EXTM3U\nseg.m4s\n", TOKENED)).hasMessageContaining("master");
    }

    @Test
    void aPackagedFilmsPlaylistsPointOnlyWhereTheyAreTold() throws Exception {
        PackedFilm packed = FilmFixtures.packed720();
        String master = PlaylistRewriter.master(Files.readString(packed.masterPlaylist()), TOKENED);
        List<String> uris = uriLines(master);
        assertThat(uris).containsExactlyInAnyOrder(TOKENED.apply("360p/playlist.m3u8"), TOKENED.apply("720p/playlist.m3u8"));
        String media = PlaylistRewriter.media(Files.readString(packed.outDir().resolve("720p/playlist.m3u8")), TOKENED);
        assertThat(media).contains("#EXT-X-MAP:URI=\"" + TOKENED.apply("init.mp4") + "\"");
        assertThat(uriLines(media)).isNotEmpty().allMatch(u -> u.matches("https://store\\.example/f/tok-123/seg_\\d{5}\\.m4s"));
        assertThat(MediaPlaylist.parse(media).segments()).hasSameSizeAs(MediaPlaylist.parse(Files.readString(packed.outDir().resolve("720p/playlist.m3u8"))).segments());
    }

    private static List<String> uriLines(String playlist) {
        return playlist.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
}
