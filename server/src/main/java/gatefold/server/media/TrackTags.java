package gatefold.server.media;

import gatefold.server.common.Refusal;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tags every file a fan downloads carries. Text is normalised once here: NFC, line
 * breaks as "\n", other control characters as spaces (no container keeps them reliably).
 * Empty text and zero numbers mean "not set" and are left out of files.
 *
 * @param copyright the copyright line and licence, e.g. "℗ 2026 Ada Label, CC BY-NC 4.0"
 * @param credits who played, mixed, mastered; written as a CREDITS field where the container has no standard one
 * @param comment the release's URL, so a file found later leads back to the store
 */
public record TrackTags(String title, String artist, String album, String albumArtist, int track, int trackTotal,
        int disc, int discTotal, int year, String genre, String composer, String credits, String copyright,
        String comment) {

    public TrackTags {
        title = clean(title);
        artist = clean(artist);
        album = clean(album);
        albumArtist = clean(albumArtist);
        genre = clean(genre);
        composer = clean(composer);
        credits = clean(credits);
        copyright = clean(copyright);
        comment = clean(comment);
        if (track < 0 || trackTotal < 0 || disc < 0 || discTotal < 0 || track > 9999 || disc > 999
                || trackTotal > 9999 || discTotal > 999) {
            throw Refusal.invalid("track and disc numbers must be between 1 and 9999 (0 for none)");
        }
        if (year < 0 || year > 9999) {
            throw Refusal.invalid("the year must have at most four digits (0 for none)");
        }
    }

    public TrackTags withTitle(String newTitle) {
        return new TrackTags(newTitle, artist, album, albumArtist, track, trackTotal, disc, discTotal, year, genre,
                composer, credits, copyright, comment);
    }

    public TrackTags withComment(String newComment) {
        return new TrackTags(title, artist, album, albumArtist, track, trackTotal, disc, discTotal, year, genre,
                composer, credits, copyright, newComment);
    }

    /** Every value in a fixed order, for {@link DerivedKey}; change it only with every recipe version. */
    List<String> keyValues() {
        return List.of(title, artist, album, albumArtist, String.valueOf(track), String.valueOf(trackTotal),
                String.valueOf(disc), String.valueOf(discTotal), String.valueOf(year), genre, composer, credits,
                copyright, comment);
    }

    /**
     * The set tags under ffmpeg's generic names (which each muxer maps to its own fields).
     * Vorbis comments keep numbers and totals apart (TRACKNUMBER=3, TRACKTOTAL=10); ID3 and
     * MP4 hold "3/10" in one field.
     */
    Map<String, String> ffmpegFields(boolean separateTotals) {
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "title", title);
        put(fields, "artist", artist);
        put(fields, "album", album);
        put(fields, "album_artist", albumArtist);
        numbered(fields, "track", "TRACKTOTAL", track, trackTotal, separateTotals);
        numbered(fields, "disc", "DISCTOTAL", disc, discTotal, separateTotals);
        put(fields, "date", year > 0 ? String.valueOf(year) : "");
        put(fields, "genre", genre);
        put(fields, "composer", composer);
        put(fields, "CREDITS", credits);
        put(fields, "copyright", copyright);
        put(fields, "comment", comment);
        return fields;
    }

    private static void numbered(Map<String, String> fields, String key, String totalKey, int number, int total,
            boolean separateTotals) {
        if (number <= 0) {
            return;
        }
        if (separateTotals) {
            fields.put(key, String.valueOf(number));
            put(fields, totalKey, total > 0 ? String.valueOf(total) : "");
        } else {
            fields.put(key, total > 0 ? number + "/" + total : String.valueOf(number));
        }
    }

    private static void put(Map<String, String> fields, String key, String value) {
        if (!value.isEmpty()) {
            fields.put(key, value);
        }
    }

    static String clean(String text) {
        if (text == null) {
            return "";
        }
        String normal = Normalizer.normalize(text, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(normal.length());
        normal.codePoints().forEach(c -> out.appendCodePoint(
                c == '\n' || c == '\t' || !Character.isISOControl(c) ? c : ' '));
        return out.toString();
    }
}
