package gatefold.server.albums;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.common.FileNames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaylistTest {

    @Test
    void anExtendedM3uListsEveryTrackWithItsLengthAndFile() {
        byte[] m3u = Playlist.m3u(List.of(
                new Playlist.Track(FileNames.track(1, 2, "Ça plane pour moi", "flac"), "Plastic Bertrand", "Ça plane pour moi", 183),
                new Playlist.Track(FileNames.track(2, 2, "🎸 Fire", "flac"), "The Band", "🎸 Fire", 241),
                new Playlist.Track("03 Unknown.flac", "The Band", "Unknown", -1)));

        assertThat(new String(m3u, StandardCharsets.UTF_8)).isEqualTo("""
                #EXTM3U
                #EXTINF:183,Plastic Bertrand - Ça plane pour moi
                01 Ça plane pour moi.flac
                #EXTINF:241,The Band - 🎸 Fire
                02 🎸 Fire.flac
                #EXTINF:-1,The Band - Unknown
                03 Unknown.flac
                """);
        assertThat(m3u[0]).as("no byte order mark").isEqualTo((byte) '#');
    }

    @Test
    void aTitleWithLineBreaksCannotSplitAnEntry() {
        String text = new String(Playlist.m3u(List.of(
                new Playlist.Track("#1 Hit.mp3", "Artist\r\nwith break", "Title\nhttp://evil/", 60),
                new Playlist.Track("02 Solo.mp3", "", "Solo", 61))), StandardCharsets.UTF_8);

        assertThat(text.split("\n")).containsExactly(
                "#EXTM3U",
                "#EXTINF:60,Artist  with break - Title http://evil/",
                "./#1 Hit.mp3",
                "#EXTINF:61,Solo",
                "02 Solo.mp3");
    }
}
