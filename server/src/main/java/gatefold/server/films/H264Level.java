package gatefold.server.films;

import java.util.List;

/**
 * The lowest H.264 level that allows a picture size, frame rate and peak bitrate (ITU-T H.264
 * Table A-1; High profile may use 1.25 times the listed bitrate). Players check the level in the
 * CODECS string before they fetch anything, so it must fit what was made.
 */
final class H264Level {

    private record Limit(String name, int code, long macroblocksPerFrame, long macroblocksPerSecond, long maxKbps) {
    }

    private static final List<Limit> LIMITS = List.of(
            new Limit("3.0", 30, 1_620, 40_500, 10_000),
            new Limit("3.1", 31, 3_600, 108_000, 14_000),
            new Limit("3.2", 32, 5_120, 216_000, 20_000),
            new Limit("4.0", 40, 8_192, 245_760, 20_000),
            new Limit("4.1", 41, 8_192, 245_760, 50_000),
            new Limit("4.2", 42, 8_704, 522_240, 50_000),
            new Limit("5.0", 50, 22_080, 589_824, 135_000),
            new Limit("5.1", 51, 36_864, 983_040, 240_000),
            new Limit("5.2", 52, 36_864, 2_073_600, 240_000));

    private H264Level() {
    }

    /** The level's name as x264 takes it ("3.1"). */
    static String forHigh(int width, int height, FrameRate rate, int maxKbps) {
        long frame = macroblocks(width) * macroblocks(height);
        double perSecond = frame * rate.perSecond();
        for (Limit limit : LIMITS) {
            // Frame dimensions may not exceed sqrt(8 * MaxFS) macroblocks either (A.3.1 f, g).
            double side = Math.sqrt(8.0 * limit.macroblocksPerFrame());
            if (frame <= limit.macroblocksPerFrame() && perSecond <= limit.macroblocksPerSecond()
                    && macroblocks(width) <= side && macroblocks(height) <= side
                    && maxKbps <= limit.maxKbps() * 5 / 4) {
                return limit.name();
            }
        }
        throw new IllegalArgumentException("no H.264 level fits " + width + "x" + height + " at " + rate.decimal());
    }

    private static long macroblocks(int pixels) {
        return (pixels + 15) / 16;
    }
}
