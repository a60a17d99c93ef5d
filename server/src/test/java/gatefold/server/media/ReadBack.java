package gatefold.server.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What ffprobe (an independent reader) finds in a made file, in one run: tags from the
 * container and the audio stream (Ogg keeps them on the stream), keys lower-cased, the audio
 * stream, and the SHA-256 of the attached cover picture's bytes.
 */
record ReadBack(Map<String, String> tags, JsonNode audio, JsonNode format, Optional<String> coverSha256) {

    static ReadBack of(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(MediaFixtures.ffprobe(List.of("-of", "json", "-show_format",
                    "-show_streams", "-show_packets", "-show_data_hash", "SHA256", file.toString())));
            Map<String, String> tags = new TreeMap<>();
            root.path("format").path("tags").fields().forEachRemaining(e -> tags.put(lower(e.getKey()), e.getValue().asText()));
            JsonNode audio = null;
            int coverIndex = -1;
            for (JsonNode stream : root.path("streams")) {
                if (stream.path("codec_type").asText().equals("audio") && audio == null) {
                    audio = stream;
                    stream.path("tags").fields().forEachRemaining(e -> tags.put(lower(e.getKey()), e.getValue().asText()));
                }
                if (stream.path("disposition").path("attached_pic").asInt() == 1) {
                    coverIndex = stream.path("index").asInt();
                }
            }
            Optional<String> cover = Optional.empty();
            for (JsonNode packet : root.path("packets")) {
                if (packet.path("stream_index").asInt() == coverIndex) {
                    cover = Optional.of(packet.path("data_hash").asText().replace("SHA256:", ""));
                }
            }
            return new ReadBack(tags, audio, root.path("format"), cover);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    long durationMs() {
        String text = audio.path("duration").asText(format.path("duration").asText());
        return new BigDecimal(text).movePointRight(3).longValue();
    }

    int sampleRate() {
        return audio.path("sample_rate").asInt();
    }

    int channels() {
        return audio.path("channels").asInt();
    }

    /** Bits per sample of a lossless stream as ffprobe reports it. */
    int bitDepth() {
        int raw = audio.path("bits_per_raw_sample").asInt(0);
        return raw > 0 ? raw : audio.path("bits_per_sample").asInt(0);
    }

    String tag(String key) {
        return tags.get(key.toLowerCase(Locale.ROOT));
    }

    private static String lower(String key) {
        return key.toLowerCase(Locale.ROOT);
    }
}
