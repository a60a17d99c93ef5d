package gatefold.server.media;

import java.util.Optional;

/**
 * What ffprobe found in a film master: enough to plan the streaming ladder (never upscale)
 * and to show the film's length.
 *
 * @param frameRate frames per second (average), 0 when the file does not say
 */
public record VideoMaster(String container, long durationMs, int width, int height, String videoCodec,
        Optional<String> audioCodec, double frameRate) {
}
