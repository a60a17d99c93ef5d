package gatefold.server.media;

import gatefold.server.common.Refusal;
import java.time.Duration;

/**
 * What a visitor may hear of a track before buying: the whole track, or a clip from a start
 * point the artist picks, faded in and out over {@link #FADE}.
 */
public record PreviewClip(boolean wholeTrack, Duration start, Duration length) {

    public static final Duration FADE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_LENGTH = Duration.ofSeconds(30);

    public PreviewClip {
        if (!wholeTrack && (start.isNegative() || length.compareTo(FADE.multipliedBy(2)) <= 0)) {
            throw Refusal.invalid("a preview clip starts at 0:00 or later and lasts more than 2 seconds");
        }
    }

    public static PreviewClip whole() {
        return new PreviewClip(true, Duration.ZERO, Duration.ZERO);
    }

    public static PreviewClip of(Duration start, Duration length) {
        return new PreviewClip(false, start, length);
    }

    /** The clip's settings as text for {@link DerivedKey}: "whole" or "clip:START_MS:LENGTH_MS". */
    String keyText() {
        return wholeTrack ? "whole" : "clip:" + start.toMillis() + ":" + length.toMillis();
    }
}
