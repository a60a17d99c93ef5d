package gatefold.server.albums;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The playlist inside an album zip: extended M3U in UTF-8 (no byte order mark, which some
 * players read as part of the first line), lines ending in LF, each track as an
 * {@code #EXTINF} line and its file name relative to the playlist, so the playlist plays
 * from wherever the zip was unpacked.
 */
public final class Playlist {

    private Playlist() {
    }

    /**
     * One line of the playlist.
     *
     * @param fileName the track's file name in the zip, next to the playlist
     * @param seconds  the length in whole seconds, or -1 when unknown (as M3U writes it)
     */
    public record Track(String fileName, String artist, String title, long seconds) {
    }

    public static byte[] m3u(List<Track> tracks) {
        StringBuilder out = new StringBuilder("#EXTM3U\n");
        for (Track track : tracks) {
            out.append("#EXTINF:").append(track.seconds() < 0 ? -1 : track.seconds()).append(',')
                    .append(label(track)).append('\n');
            // A line starting with # would be read as a directive, not a file.
            out.append(track.fileName().startsWith("#") ? "./" : "").append(oneLine(track.fileName())).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String label(Track track) {
        String artist = oneLine(track.artist());
        String title = oneLine(track.title());
        return artist.isEmpty() ? title : title.isEmpty() ? artist : artist + " - " + title;
    }

    /** Line breaks and other controls would split a track's entry in two. */
    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 ? ' ' : cp));
        return out.toString().strip();
    }
}
