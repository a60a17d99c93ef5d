package gatefold.server.films;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.common.Refusal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubtitlesTest {

    private static final String SRT = "\uFEFF1\r\n00:00:01,000 --> 00:00:03,500\r\nHello <i>there</i>\r\n\r\n"
            + "2\r\n00:00:04,250 --> 00:00:06,000 X1:10 X2:20\r\n<font color=\"red\">Red</font> & <script>alert(1)</script>\r\n"
            + "--> not an arrow\r\n\r\n\r\n3\r\n01:02:03,4 --> 01:02:05,040\r\n<B>Loud</B>\r\n";

    @Test
    void srtBecomesWebVtt() {
        String vtt = Subtitles.srtToVtt(Subtitles.decode(SRT.getBytes(StandardCharsets.UTF_8)));
        assertThat(vtt).isEqualTo("""
                WEBVTT

                00:00:01.000 --> 00:00:03.500
                Hello <i>there</i>

                00:00:04.250 --> 00:00:06.000
                &lt;font color="red"&gt;Red&lt;/font&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;
                --&gt; not an arrow

                01:02:03.400 --> 01:02:05.040
                <b>Loud</b>
                """);
        assertThat(Subtitles.checkVtt(vtt)).isEqualTo(vtt);
    }

    @Test
    void olderSrtFilesInWindows1252AreRead() {
        byte[] latin = "1\n00:00:01,000 --> 00:00:02,000\nCafé crème\n".getBytes(Charset.forName("windows-1252"));
        assertThat(Subtitles.srtToVtt(Subtitles.decode(latin))).contains("Café crème");
    }

    @Test
    void brokenSubtitlesAreRefusedWithWhereTheProblemIs() {
        assertThatThrownBy(() -> Subtitles.srtToVtt("1\n00:00:01 --> 00:00:02\nHi\n")).isInstanceOf(Refusal.class).hasMessageContaining("timing line");
        assertThatThrownBy(() -> Subtitles.srtToVtt("1\n00:00:05,000 --> 00:00:02,000\nHi\n")).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> Subtitles.srtToVtt("\n\n")).hasMessageContaining("no subtitles");
        assertThatThrownBy(() -> Subtitles.checkVtt("00:01.000 --> 00:02.000\nHi\n")).hasMessageContaining("WEBVTT");
        assertThatThrownBy(() -> Subtitles.checkVtt("WEBVTT\n\n00:01,000 --> 00:02.000\nHi\n")).hasMessageContaining("Line 3");
        assertThatThrownBy(() -> Subtitles.checkVtt("WEBVTT\n\n00:01.000 --> 00:02.000\nHi --> there\n")).hasMessageContaining("Line 4");
        assertThatThrownBy(() -> Subtitles.checkVtt("WEBVTT\n\nNOTE nothing here\n")).hasMessageContaining("no subtitles");
        assertThatThrownBy(() -> Subtitles.decode(new byte[Subtitles.MAX_BYTES + 1])).isInstanceOf(Refusal.class);
    }

    @Test
    void vttWithIdentifiersSettingsAndCrlfIsAccepted() {
        String vtt = "\uFEFFWEBVTT - a film\r\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\r\n\r\nintro\r\n00:00.500 --> 00:02.000 align:start line:0\r\nHi\r\n";
        assertThat(Subtitles.checkVtt(vtt)).startsWith("WEBVTT - a film\nX-TIMESTAMP").doesNotContain("\r");
    }

    @Test
    void tracksAreOfferedInTheMasterPlaylistAndCanBeChangedLater() {
        SubtitleTrack english = SubtitleTrack.of("en", "English \"SDH\"\nline", true);
        SubtitleTrack french = SubtitleTrack.of("fr-CA", "Français", false);
        assertThat(english.name()).isEqualTo("English 'SDH' line");
        assertThat(Subtitles.playlist(english, Duration.ofMillis(20_010))).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-TARGETDURATION:21
                #EXT-X-MEDIA-SEQUENCE:0
                #EXT-X-PLAYLIST-TYPE:VOD
                #EXTINF:20.010,
                en.vtt
                #EXT-X-ENDLIST
                """);
        String master = "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=640x360\n360p/playlist.m3u8\n";
        String offered = Subtitles.offerIn(master, List.of(english, french));
        assertThat(offered).contains("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"English 'SDH' line\",LANGUAGE=\"en\",DEFAULT=YES,"
                + "AUTOSELECT=YES,FORCED=NO,URI=\"subtitles/en.m3u8\"\n#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"Français\"")
                .contains("RESOLUTION=640x360,SUBTITLES=\"subs\"\n360p/playlist.m3u8");
        assertThat(Subtitles.offerIn(offered, List.of(french))).doesNotContain("LANGUAGE=\"en\"").containsOnlyOnce("SUBTITLES=\"subs\"\n");
        assertThat(Subtitles.offerIn(offered, List.of())).isEqualTo(master);
        assertThatThrownBy(() -> SubtitleTrack.of("english!", "x", false)).isInstanceOf(Refusal.class);
    }
}
