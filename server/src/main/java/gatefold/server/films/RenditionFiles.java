package gatefold.server.films;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tidies one rendition's folder after ffmpeg and measures it: ffmpeg numbers init segments per
 * stream ({@code init_1.mp4}), so each is renamed {@code init.mp4} and its playlist updated; then
 * the bandwidth figures and codec strings the master playlist needs are read from the files.
 */
final class RenditionFiles {

    /** Segments shorter than this are left out of the peak: a last half-second holding one keyframe would overstate it. */
    private static final double SHORTEST_FOR_PEAK = 1.0;

    private RenditionFiles() {
    }

    static MasterPlaylist.Variant finish(Path dir, Rung rung, FrameRate rate) throws IOException {
        Path playlistFile = dir.resolve(HlsCommand.PLAYLIST);
        String text = Files.readString(playlistFile, StandardCharsets.UTF_8);
        MediaPlaylist playlist = MediaPlaylist.parse(text);
        String init = playlist.initSegment().orElseThrow(() -> new IOException("no #EXT-X-MAP in " + playlistFile));
        if (!init.equals("init.mp4")) {
            Files.move(dir.resolve(init), dir.resolve("init.mp4"));
            Files.writeString(playlistFile, PlaylistRewriter.media(text, uri -> uri.equals(init) ? "init.mp4" : uri), StandardCharsets.UTF_8);
        }
        long totalBytes = Files.size(dir.resolve("init.mp4"));
        double peak = 0;
        for (MediaPlaylist.Segment segment : playlist.segments()) {
            long bytes = Files.size(dir.resolve(segment.uri()));
            totalBytes += bytes;
            if (segment.seconds() >= SHORTEST_FOR_PEAK || playlist.segments().size() == 1) {
                peak = Math.max(peak, bytes * 8 / segment.seconds());
            }
        }
        long average = Math.round(totalBytes * 8 / playlist.totalSeconds());
        List<String> codecs = CodecStrings.of(dir.resolve("init.mp4"));
        return new MasterPlaylist.Variant(rung.name() + "/" + HlsCommand.PLAYLIST, Math.max(Math.round(peak), average), average,
                rung.resolution(), rate, codecs, Math.min(rung.width(), rung.height()));
    }
}
