package gatefold.server.watch;

import gatefold.server.films.SubtitleTrack;
import java.time.Instant;

/** Subtitles of a film in one language, stored as WebVTT at {@code blobKey}; {@code name} is what a player's menu shows. */
public record FilmSubtitle(String releaseId, String language, String name, String blobKey, long bytes, Instant createdAt) {

    /** How the master playlist offers it: {@code subtitles/<language>.m3u8}, the first one preferred. */
    public SubtitleTrack track(boolean preferred) {
        return SubtitleTrack.of(language, name, preferred);
    }
}
