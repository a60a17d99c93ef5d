package gatefold.server.films;

import java.util.Locale;

/**
 * Frames per second as ffmpeg writes it ({@code 30000/1001}), kept as a fraction so 29.97 stays
 * exact in ffmpeg arguments and keyframe arithmetic.
 */
public record FrameRate(long numerator, long denominator) {

    public static final FrameRate DEFAULT = new FrameRate(30, 1);

    public FrameRate {
        if (numerator <= 0 || denominator <= 0) {
            throw new IllegalArgumentException("a frame rate needs a positive fraction, not " + numerator + "/" + denominator);
        }
    }

    /** Parses "30000/1001" or "25"; empty when ffprobe says "0/0" or anything unusable. */
    public static java.util.Optional<FrameRate> parse(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        String[] parts = text.strip().split("/");
        try {
            long num = Long.parseLong(parts[0]);
            long den = parts.length > 1 ? Long.parseLong(parts[1]) : 1;
            return num > 0 && den > 0 ? java.util.Optional.of(new FrameRate(num, den)) : java.util.Optional.empty();
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    public double perSecond() {
        return (double) numerator / denominator;
    }

    /** The rate a web rendition uses: this one, halved until it is at most 60 frames per second. */
    public FrameRate forWeb() {
        FrameRate rate = this;
        while (rate.perSecond() > 60.5) {
            rate = rate.numerator % 2 == 0 ? new FrameRate(rate.numerator / 2, rate.denominator)
                    : new FrameRate(rate.numerator, rate.denominator * 2);
        }
        return rate;
    }

    /** As ffmpeg takes it in the fps filter: "30000/1001". */
    public String fraction() {
        return numerator + "/" + denominator;
    }

    /** As HLS writes FRAME-RATE: three decimals, "29.970". */
    public String decimal() {
        return String.format(Locale.ROOT, "%.3f", perSecond());
    }
}
