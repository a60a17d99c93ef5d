package gatefold.server.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Two-pass EBU R128 normalisation with ffmpeg's loudnorm: the first pass measures
 * ({@code print_format=json}), the second applies the measured values with
 * {@code linear=true}, so the whole clip gets one gain and keeps its dynamics.
 * -16 LUFS integrated with -1.5 dBTP peaks is what streaming players expect of music.
 */
final class Loudness {

    static final double TARGET_LUFS = -16.0;
    static final double TARGET_PEAK_DBTP = -1.5;
    static final double TARGET_RANGE_LU = 11.0;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the first pass measured. */
    record Measured(double integrated, double truePeak, double range, double threshold, double offset) {
        /** The second pass's filter. */
        String applyFilter() {
            return String.format(Locale.ROOT, "%s:measured_I=%.2f:measured_TP=%.2f:measured_LRA=%.2f:measured_thresh=%.2f"
                    + ":offset=%.2f:linear=true:print_format=none", targets(), integrated, truePeak, range, threshold, offset);
        }
    }

    private Loudness() {
    }

    static String measureFilter() {
        return targets() + ":print_format=json";
    }

    private static String targets() {
        return String.format(Locale.ROOT, "loudnorm=I=%.1f:TP=%.1f:LRA=%.1f", TARGET_LUFS, TARGET_PEAK_DBTP, TARGET_RANGE_LU);
    }

    /**
     * The measurement printed at the end of ffmpeg's output; empty for a silent clip
     * (loudness "-inf"), which is left as it is.
     *
     * @throws IOException when the output holds no measurement
     */
    static Optional<Measured> parse(String stderr) throws IOException {
        int open = stderr.lastIndexOf('{');
        int close = stderr.lastIndexOf('}');
        if (open < 0 || close < open) {
            throw new IOException("loudnorm printed no measurement");
        }
        JsonNode json = JSON.readTree(stderr.substring(open, close + 1));
        try {
            return Optional.of(new Measured(number(json, "input_i"), number(json, "input_tp"), number(json, "input_lra"),
                    number(json, "input_thresh"), number(json, "target_offset")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static double number(JsonNode json, String field) {
        double value = Double.parseDouble(json.path(field).asText(""));
        if (!Double.isFinite(value)) {
            throw new NumberFormatException(field + " is " + value);
        }
        return value;
    }
}
