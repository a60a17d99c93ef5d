package gatefold.server.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Reads ffprobe's {@code -of json -show_format -show_streams} answer into master records. */
final class ProbeJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> LOSSY_MASTERS = Set.of("mp3", "aac", "vorbis", "opus");

    private final JsonNode format;
    private final JsonNode streams;

    private ProbeJson(JsonNode root) {
        this.format = root.path("format");
        this.streams = root.path("streams");
    }

    static ProbeJson parse(String text) throws IOException {
        return new ProbeJson(JSON.readTree(text));
    }

    static boolean losslessCodec(String codec) {
        return codec.equals("flac") || codec.equals("alac") || codec.startsWith("pcm_");
    }

    /** The first audio stream, if any. */
    Optional<JsonNode> audioStream() {
        return stream("audio");
    }

    /** The first video stream that is a picture track, not a cover. */
    Optional<JsonNode> videoStream() {
        for (JsonNode stream : streams) {
            if (stream.path("codec_type").asText().equals("video") && !isCover(stream)) {
                return Optional.of(stream);
            }
        }
        return Optional.empty();
    }

    boolean hasCover() {
        for (JsonNode stream : streams) {
            if (isCover(stream)) {
                return true;
            }
        }
        return false;
    }

    String formatName() {
        return format.path("format_name").asText("");
    }

    int probeScore() {
        return format.path("probe_score").asInt(100);
    }

    AudioMaster audio(JsonNode stream) {
        String codec = stream.path("codec_name").asText("");
        boolean lossless = losslessCodec(codec);
        long durationMs = durationMs(stream).orElseGet(() -> durationMs(format).orElse(0L));
        return new AudioMaster(codec, audioContainer(), durationMs, stream.path("sample_rate").asInt(0),
                lossless ? bitDepth(stream) : OptionalInt.empty(), stream.path("channels").asInt(0),
                bitrate(stream, durationMs), lossless, hasCover());
    }

    VideoMaster video(JsonNode stream) {
        Optional<String> audio = audioStream().map(s -> s.path("codec_name").asText(""));
        long durationMs = durationMs(format).or(() -> durationMs(stream)).orElse(0L);
        return new VideoMaster(videoContainer(), durationMs, stream.path("width").asInt(0), stream.path("height").asInt(0),
                stream.path("codec_name").asText(""), audio, frameRate(stream));
    }

    String audioContainer() {
        String name = formatName();
        return switch (name) {
            case "wav" -> "WAV";
            case "aiff" -> "AIFF";
            case "flac" -> "FLAC";
            case "mp3" -> "MP3";
            case "ogg" -> "Ogg";
            default -> name.startsWith("mov") ? "M4A" : name.toUpperCase(Locale.ROOT);
        };
    }

    private String videoContainer() {
        String name = formatName();
        if (name.startsWith("mov")) {
            return format.path("tags").path("major_brand").asText("").startsWith("qt") ? "MOV" : "MP4";
        }
        return name.startsWith("matroska") ? "Matroska/WebM" : name.toUpperCase(Locale.ROOT);
    }

    private Optional<JsonNode> stream(String type) {
        for (JsonNode stream : streams) {
            if (stream.path("codec_type").asText().equals(type)) {
                return Optional.of(stream);
            }
        }
        return Optional.empty();
    }

    private static boolean isCover(JsonNode stream) {
        return stream.path("disposition").path("attached_pic").asInt(0) == 1;
    }

    static Optional<Long> durationMs(JsonNode node) {
        String text = node.path("duration").asText("");
        try {
            BigDecimal seconds = new BigDecimal(text);
            return seconds.signum() > 0
                    ? Optional.of(seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact())
                    : Optional.empty();
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** bits_per_raw_sample, else bits_per_sample (PCM), else what the decoded sample format holds. */
    private static OptionalInt bitDepth(JsonNode stream) {
        int raw = stream.path("bits_per_raw_sample").asInt(0);
        if (raw > 0) {
            return OptionalInt.of(raw);
        }
        int coded = stream.path("bits_per_sample").asInt(0);
        if (coded > 0) {
            return OptionalInt.of(coded);
        }
        return switch (stream.path("sample_fmt").asText("").replace("p", "")) {
            case "u8" -> OptionalInt.of(8);
            case "s16" -> OptionalInt.of(16);
            case "s32", "flt" -> OptionalInt.of(32);
            case "s64", "dbl" -> OptionalInt.of(64);
            default -> OptionalInt.empty();
        };
    }

    private long bitrate(JsonNode stream, long durationMs) {
        long rate = stream.path("bit_rate").asLong(0);
        if (rate <= 0) {
            rate = format.path("bit_rate").asLong(0);
        }
        if (rate <= 0 && durationMs > 0) {
            rate = format.path("size").asLong(0) * 8_000 / durationMs;
        }
        return rate;
    }

    private static double frameRate(JsonNode stream) {
        double average = ratio(stream.path("avg_frame_rate").asText(""));
        return average > 0 ? average : ratio(stream.path("r_frame_rate").asText(""));
    }

    private static double ratio(String text) {
        String[] parts = text.split("/");
        try {
            double top = Double.parseDouble(parts[0]);
            double bottom = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
            return bottom > 0 ? top / bottom : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
