package gatefold.server.media;

import gatefold.server.common.Refusal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What the artist lets a visitor hear of one track: a clip, the whole track, or nothing. A clip
 * without a start set begins at a third of the track (past most intros), 30 s long; a track
 * no longer than the clip is heard whole, which is no more than the clip would be.
 */
public record PreviewChoice(Mode mode, Duration start, Duration length) {

    public enum Mode { CLIP, WHOLE, NONE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Mode of(String id) {
            for (Mode mode : values()) {
                if (mode.id().equals(id)) {
                    return mode;
                }
            }
            throw Refusal.invalid("a preview is \"clip\", \"whole\" or \"none\"");
        }
    }

    /** The longest clip an artist may set: longer is the whole track by another name. */
    public static final Duration LONGEST_CLIP = Duration.ofMinutes(10);
    public static final PreviewChoice DEFAULT = new PreviewChoice(Mode.CLIP, null, PreviewClip.DEFAULT_LENGTH);

    public PreviewChoice {
        if (mode == Mode.CLIP && length == null) {
            length = PreviewClip.DEFAULT_LENGTH;
        }
        if (mode == Mode.CLIP && (length.compareTo(PreviewClip.FADE.multipliedBy(3)) < 0 || length.compareTo(LONGEST_CLIP) > 0
                || (start != null && start.isNegative()))) {
            throw Refusal.invalid("a preview clip lasts from 3 seconds to 10 minutes and starts at 0:00 or later");
        }
    }

    public static PreviewChoice of(String mode, Long startMs, Long lengthMs) {
        Mode m = Mode.of(mode);
        return new PreviewChoice(m, m == Mode.CLIP && startMs != null ? Duration.ofMillis(startMs) : null,
                m == Mode.CLIP && lengthMs != null ? Duration.ofMillis(lengthMs) : null);
    }

    /** The clip to make of a track this long; empty when the artist offers no preview. */
    public Optional<PreviewClip> clipFor(long durationMs) {
        if (mode == Mode.NONE) {
            return Optional.empty();
        }
        if (mode == Mode.WHOLE || durationMs <= length.toMillis()) {
            return Optional.of(PreviewClip.whole());
        }
        long from = start != null ? start.toMillis() : sensibleStart(durationMs, length.toMillis());
        // a start the track does not reach plays its last stretch instead of nothing
        from = Math.max(0, Math.min(from, durationMs - length.toMillis()));
        return Optional.of(PreviewClip.of(Duration.ofMillis(from - from % 1000), length));
    }

    /** A third of the way in, so the clip has left the intro, but never so late the clip runs out. */
    static long sensibleStart(long durationMs, long lengthMs) {
        return Math.max(0, Math.min(durationMs / 3, durationMs - lengthMs));
    }
}
