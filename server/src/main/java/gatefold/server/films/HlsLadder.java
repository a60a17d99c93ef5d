package gatefold.server.films;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans the renditions of a film. The rule, in full:
 * <ul>
 * <li>Standard boxes are 640x360, 1280x720 and 1920x1080 (turned upright for a portrait film). Each
 * rendition is the master scaled to fit its box, aspect kept, sides rounded down to even numbers
 * (H.264 with 4:2:0 colour needs even sides).</li>
 * <li>Never upscale: a box the master already fits in gives the master's own size, and no larger box
 * is used. So a 480p master gets 360p and 480p (its own size, named by its short side), a 360p one
 * gets only 360p, and a 4K one stops at 1080p.</li>
 * <li>When that own-size rendition is less than 1.25 times the one below it (a 400p master), the
 * one below is dropped: two nearly equal renditions cost packaging time and storage for nothing.</li>
 * </ul>
 * Bitrates are Apple's HLS authoring figures at 30 frames per second (360p 800 kb/s, 720p 2800,
 * 1080p 5000), interpolated by pixel count between them and raised by half above 30 frames per second.
 */
public final class HlsLadder {

    /** Six-second segments: Apple's recommendation, and short enough that a refund bites quickly. */
    public static final int SEGMENT_SECONDS = 6;
    /** veryfast: about 2.5 times faster than x264's default (medium) for ~10% more bits at equal quality; see the package notes. */
    public static final String PRESET = "veryfast";

    private static final int[][] BOXES = {{640, 360}, {1280, 720}, {1920, 1080}};
    private static final int[] ANCHOR_PIXELS = {640 * 360, 1280 * 720, 1920 * 1080};
    private static final int[] ANCHOR_KBPS = {800, 2800, 5000};

    private HlsLadder() {
    }

    public static Ladder plan(FilmProbe film) {
        FrameRate rate = film.frameRate().forWeb();
        int audioKbps = film.hasAudio() ? 128 : 0;
        List<Rung> rungs = new ArrayList<>();
        for (int[] box : BOXES) {
            int boxW = film.portrait() ? box[1] : box[0];
            int boxH = film.portrait() ? box[0] : box[1];
            double scale = Math.min(1.0, Math.min((double) boxW / film.width(), (double) boxH / film.height()));
            int w = even(film.width() * scale);
            int h = even(film.height() * scale);
            boolean standard = w == boxW || h == boxH;
            String name = (standard ? box[1] : Math.min(w, h)) + "p";
            if (!rungs.isEmpty() && Math.min(w, h) < 1.25 * shortSide(rungs.get(rungs.size() - 1))) {
                rungs.remove(rungs.size() - 1);
            }
            rungs.add(rung(name, w, h, rate, audioKbps));
            if (scale >= 1.0) {
                break;
            }
        }
        return new Ladder(rungs, rate, SEGMENT_SECONDS, film.hasAudio(), PRESET, film.duration());
    }

    static Rung rung(String name, int width, int height, FrameRate rate, int audioKbps) {
        int kbps = videoKbps(width * height, rate);
        int max = kbps * 3 / 2;
        return new Rung(name, width, height, kbps, max, kbps * 2, H264Level.forHigh(width, height, rate, max), audioKbps);
    }

    /** The average video bitrate for a picture of this many pixels, rounded to 50 kb/s. */
    static int videoKbps(int pixels, FrameRate rate) {
        double kbps;
        if (pixels <= ANCHOR_PIXELS[0]) {
            kbps = ANCHOR_KBPS[0] * Math.max(0.25, (double) pixels / ANCHOR_PIXELS[0]);
        } else if (pixels >= ANCHOR_PIXELS[2]) {
            kbps = ANCHOR_KBPS[2];
        } else {
            int i = pixels <= ANCHOR_PIXELS[1] ? 0 : 1;
            double t = (double) (pixels - ANCHOR_PIXELS[i]) / (ANCHOR_PIXELS[i + 1] - ANCHOR_PIXELS[i]);
            kbps = ANCHOR_KBPS[i] + t * (ANCHOR_KBPS[i + 1] - ANCHOR_KBPS[i]);
        }
        if (rate.perSecond() > 31) {
            kbps *= 1.5;
        }
        return (int) Math.max(50, Math.round(kbps / 50) * 50);
    }

    private static int shortSide(Rung rung) {
        return Math.min(rung.width(), rung.height());
    }

    private static int even(double pixels) {
        return Math.max(2, ((int) Math.floor(pixels + 1e-6)) & ~1);
    }
}
