package gatefold.server.films;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HlsLadderTest {

    private static FilmProbe film(int width, int height, FrameRate rate) {
        return new FilmProbe(width, height, 0, Duration.ofSeconds(60), rate, "mov,mp4,m4a,3gp,3g2,mj2", "h264", Optional.of("aac"));
    }

    private static List<String> plan(int width, int height) {
        return HlsLadder.plan(film(width, height, FrameRate.DEFAULT)).rungs().stream().map(r -> r.name() + " " + r.resolution()).toList();
    }

    @Test
    void standardMastersGetTheStandardRungsUpToTheirOwnSize() {
        assertThat(plan(1920, 1080)).containsExactly("360p 640x360", "720p 1280x720", "1080p 1920x1080");
        assertThat(plan(1280, 720)).containsExactly("360p 640x360", "720p 1280x720");
        assertThat(plan(640, 360)).containsExactly("360p 640x360");
        assertThat(plan(3840, 2160)).as("4K stops at 1080p").containsExactly("360p 640x360", "720p 1280x720", "1080p 1920x1080");
        assertThat(plan(720, 1280)).as("portrait").containsExactly("360p 360x640", "720p 720x1280");
    }

    @Test
    void inBetweenMastersKeepTheirOwnSizeAndAreNeverUpscaled() {
        assertThat(plan(854, 480)).containsExactly("360p 640x358", "480p 854x480");
        assertThat(plan(700, 394)).as("too close to 360p for both").containsExactly("394p 700x394");
        assertThat(plan(320, 240)).containsExactly("240p 320x240");
        assertThat(plan(1920, 804)).as("scope").containsExactly("360p 640x268", "720p 1280x536", "1080p 1920x804");
        assertThat(plan(1279, 719)).containsExactly("360p 640x358", "718p 1278x718");
    }

    @Test
    void noRungIsLargerThanItsMasterOddOrTooCloseToTheOneBelow() {
        Random random = new Random(15);
        for (int i = 0; i < 5_000; i++) {
            int w = 16 + random.nextInt(4000);
            int h = 16 + random.nextInt(4000);
            List<Rung> rungs = HlsLadder.plan(film(w, h, FrameRate.DEFAULT)).rungs();
            for (int r = 0; r < rungs.size(); r++) {
                Rung rung = rungs.get(r);
                assertThat(rung.width()).as(w + "x" + h).isLessThanOrEqualTo(w).isEven();
                assertThat(rung.height()).as(w + "x" + h).isLessThanOrEqualTo(h).isEven();
                assertThat(Math.max(rung.width(), rung.height())).isLessThanOrEqualTo(1920);
                if (r > 0) {
                    Rung below = rungs.get(r - 1);
                    assertThat(Math.min(rung.width(), rung.height())).isGreaterThanOrEqualTo((int) (1.25 * Math.min(below.width(), below.height())) - 1);
                }
            }
        }
    }

    @Test
    void levelsAndBitratesFitEachRung() {
        assertThat(HlsLadder.rung("360p", 640, 360, new FrameRate(24, 1), 128).level()).isEqualTo("3.0");
        assertThat(HlsLadder.rung("720p", 1280, 720, new FrameRate(30000, 1001), 128).level()).isEqualTo("3.1");
        assertThat(HlsLadder.rung("720p", 1280, 720, new FrameRate(60, 1), 128).level()).isEqualTo("3.2");
        assertThat(HlsLadder.rung("1080p", 1920, 1080, new FrameRate(30, 1), 128).level()).isEqualTo("4.0");
        assertThat(HlsLadder.rung("1080p", 1920, 1080, new FrameRate(60, 1), 128).level()).isEqualTo("4.2");
        Rung hd = HlsLadder.rung("1080p", 1920, 1080, FrameRate.DEFAULT, 128);
        assertThat(List.of(hd.videoKbps(), hd.maxKbps(), hd.bufferKbits())).containsExactly(5000, 7500, 10000);
        assertThat(HlsLadder.rung("720p", 1280, 720, new FrameRate(60, 1), 128).videoKbps()).isEqualTo(4200);
    }

    @Test
    void highFrameRatesAreHalvedForTheWeb() {
        assertThat(new FrameRate(120, 1).forWeb()).isEqualTo(new FrameRate(60, 1));
        assertThat(new FrameRate(60000, 1001).forWeb()).isEqualTo(new FrameRate(60000, 1001));
        assertThat(new FrameRate(240, 1).forWeb()).isEqualTo(new FrameRate(60, 1));
        assertThat(FrameRate.parse("0/0")).isEmpty();
        assertThat(FrameRate.parse("30000/1001").orElseThrow().decimal()).isEqualTo("29.970");
    }

    @Test
    void probeAppliesSampleAspectRatioAndRotation() {
        String anamorphic = """
                {"streams":[{"codec_type":"video","codec_name":"mpeg2video","width":720,"height":576,"sample_aspect_ratio":"64:45",
                "avg_frame_rate":"25/1","disposition":{"attached_pic":0}},{"codec_type":"audio","codec_name":"ac3"}],
                "format":{"format_name":"matroska,webm","duration":"12.5"}}""";
        FilmProbe dvd = FilmProber.parse(anamorphic);
        assertThat(List.of(dvd.width(), dvd.height())).containsExactly(1024, 576);
        String phone = """
                {"streams":[{"codec_type":"video","codec_name":"hevc","width":1920,"height":1080,"avg_frame_rate":"0/0","r_frame_rate":"30/1",
                "side_data_list":[{"rotation":-90}]}],"format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"3.0"}}""";
        FilmProbe upright = FilmProber.parse(phone);
        assertThat(List.of(upright.width(), upright.height(), upright.rotation())).containsExactly(1080, 1920, 270);
        assertThat(upright.frameRate()).isEqualTo(new FrameRate(30, 1));
        assertThat(upright.hasAudio()).isFalse();
        String coverOnly = """
                {"streams":[{"codec_type":"audio","codec_name":"aac"},{"codec_type":"video","codec_name":"mjpeg","width":600,"height":600,
                "disposition":{"attached_pic":1}}],"format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"200"}}""";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FilmProber.parse(coverOnly)).hasMessageContaining("no picture");
    }
}
