package gatefold.server.films;

import java.time.Duration;
import java.util.Optional;

/**
 * What a film master is, as the player will show it.
 *
 * @param width       displayed width in pixels: the stored width with the sample aspect ratio
 *                    applied and, for a rotated phone video, swapped with the height
 * @param height      displayed height in pixels
 * @param rotation    degrees the picture is turned when shown (0, 90, 180 or 270)
 * @param frameRate   the stream's average frame rate (the nominal one when the average is unknown)
 * @param container   ffmpeg's name for the container, such as "mov,mp4,m4a,3gp,3g2,mj2" or "matroska,webm"
 * @param videoCodec  ffmpeg's codec name, such as "h264", "hevc", "vp9", "av1", "prores"
 * @param audioCodec  ffmpeg's codec name of the first audio stream, if there is one
 */
public record FilmProbe(int width, int height, int rotation, Duration duration, FrameRate frameRate,
        String container, String videoCodec, Optional<String> audioCodec) {

    public boolean hasAudio() {
        return audioCodec.isPresent();
    }

    /** True for a film taller than it is wide, such as a phone held upright. */
    public boolean portrait() {
        return height > width;
    }

    /** The shorter side, which names a rendition: a 720x1280 portrait film is 720p. */
    public int shortSide() {
        return Math.min(width, height);
    }
}
