package gatefold.server.watch;

import gatefold.server.common.Refusal;
import gatefold.server.films.Trailer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trailer an artist chose for a film: a clip of it ({@code startMs}, {@code lengthMs}), or one
 * of the release's video files ({@code fileId}), re-encoded for the page. Without a choice the
 * trailer is 30 s from a tenth of the way in, made with the stream. {@code updatedAt} is set when
 * {@link FilmTrailers#choose} records the choice, at the server's time; null before.
 */
public record TrailerChoice(String releaseId, Long startMs, Long lengthMs, String fileId, Instant updatedAt) {

    public static final Duration DEFAULT_LENGTH = Duration.ofSeconds(30);

    public TrailerChoice {
        if (fileId == null) {
            if (startMs == null || startMs < 0) {
                throw Refusal.invalid("A trailer clip starts at 0 s or later ('start', in seconds).");
            }
            if (lengthMs == null || lengthMs < Trailer.SHORTEST.toMillis() || lengthMs > Trailer.LONGEST.toMillis()) {
                throw Refusal.invalid("A trailer clip is " + Trailer.SHORTEST.toSeconds() + " s to " + Trailer.LONGEST.toMinutes()
                        + " minutes long ('length', in seconds).");
            }
        }
    }

    public static TrailerChoice clip(String releaseId, Duration start, Duration length) {
        return new TrailerChoice(releaseId, start.toMillis(), length.toMillis(), null, null);
    }

    public static TrailerChoice upload(String releaseId, String fileId) {
        return new TrailerChoice(releaseId, null, null, fileId, null);
    }

    public TrailerChoice withUpdatedAt(Instant at) {
        return new TrailerChoice(releaseId, startMs, lengthMs, fileId, at);
    }

    public boolean isClip() {
        return fileId == null;
    }

    public Map<String, Object> view() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (isClip()) {
            out.put("start", startMs / 1000.0);
            out.put("length", lengthMs / 1000.0);
        } else {
            out.put("fileId", fileId);
        }
        return out;
    }
}
