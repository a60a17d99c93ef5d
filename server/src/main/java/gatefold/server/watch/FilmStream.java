package gatefold.server.watch;

import java.time.Instant;

/**
 * A film packaged for streaming: every file under {@code prefix} in the store ({@code
 * master.m3u8}, one folder per rendition, {@code trailer.mp4} when {@code trailer}), named by
 * {@code streamKey}, a hash of the master's bytes and the packaging recipe.
 */
public record FilmStream(String streamKey, String artistId, String releaseId, String fileId, String prefix, String renditions,
                         boolean trailer, long bytes, Instant createdAt) {

    public static final String TRAILER = "trailer.mp4";
    /** One rendition as a single faststart MP4, for browsers without HLS: plays with byte ranges, no script. */
    public static final String PROGRESSIVE = "progressive/film.mp4";

    public String blobKey(String path) {
        return prefix + "/" + path;
    }
}
