package gatefold.server.films;

import java.util.regex.Pattern;

/**
 * A subtitle track the artist uploaded, as the master playlist offers it.
 *
 * @param language a BCP 47 tag such as "en", "fr-CA" or "pt-BR"
 * @param name     what the player's menu shows, such as "English (SDH)"; quotes and line breaks
 *                 are replaced, as a playlist cannot carry them
 * @param uri      the track's media playlist, relative to the master playlist ("subtitles/en.m3u8")
 * @param preferred true for the track a player should choose when the viewer's language matches none
 */
public record SubtitleTrack(String language, String name, String uri, boolean preferred) {

    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
    private static final Pattern URI = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    public SubtitleTrack {
        if (language == null || !LANGUAGE.matcher(language).matches() || language.length() > 35) {
            throw gatefold.server.common.Refusal.invalid("A subtitle language must be a language code such as en, fr or pt-BR");
        }
        name = (name == null || name.isBlank() ? language : name).replace('"', '\'').replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ").strip();
        if (name.length() > 80) {
            name = name.substring(0, 80);
        }
        if (uri == null || !URI.matcher(uri).matches() || uri.contains("..")) {
            throw new IllegalArgumentException("a subtitle playlist must be a plain relative name: " + uri);
        }
    }

    /** The track at its usual place: {@code subtitles/<language>.m3u8} beside {@code subtitles/<language>.vtt}. */
    public static SubtitleTrack of(String language, String name, boolean preferred) {
        return new SubtitleTrack(language, name, "subtitles/" + language + ".m3u8", preferred);
    }

    /** The WebVTT file's name, beside the playlist. */
    public String vttUri() {
        return uri.substring(0, uri.length() - ".m3u8".length()) + ".vtt";
    }
}
