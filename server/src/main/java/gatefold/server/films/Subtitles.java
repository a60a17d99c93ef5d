package gatefold.server.films;

import gatefold.server.common.Refusal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Subtitles an artist uploads: SubRip ({@code .srt}) converted to WebVTT, WebVTT checked, and each
 * track wrapped in a one-segment HLS playlist so players list it beside the film.
 */
public final class Subtitles {

    /** Subtitles for a feature film are a few hundred kilobytes; anything far larger is not subtitles. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;

    private static final Pattern SRT_TIMING = Pattern.compile(
            "(\\d{1,3}):(\\d{1,2}):(\\d{1,2})[,.](\\d{1,3})\\s*-->\\s*(\\d{1,3}):(\\d{1,2}):(\\d{1,2})[,.](\\d{1,3})(.*)");
    private static final Pattern VTT_TIME = Pattern.compile("(?:(\\d{2,}):)?([0-5]\\d):([0-5]\\d)\\.(\\d{3})");
    private static final Pattern VTT_TIMING = Pattern.compile(
            "(" + VTT_TIME.pattern() + ")[ \\t]+-->[ \\t]+(" + VTT_TIME.pattern() + ")([ \\t].*)?");
    private static final Pattern KEPT_TAG = Pattern.compile("&lt;(/)?([biuBIU])&gt;");

    private Subtitles() {
    }

    /** Text from an upload: UTF-8 (a byte order mark is dropped), or Windows-1252 when it is not UTF-8, as older .srt files are. */
    public static String decode(byte[] upload) {
        if (upload.length > MAX_BYTES) {
            throw Refusal.tooLarge("Subtitle files may be at most 2 MB");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(upload)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            return new String(upload, Charset.forName("windows-1252"));
        }
    }

    /** Converts SubRip to WebVTT: numbers dropped, commas to dots, only b, i and u tags kept, the rest escaped. */
    public static String srtToVtt(String srt) {
        StringBuilder out = new StringBuilder("WEBVTT\n");
        int cues = 0;
        int lineNumber = 0;
        for (String block : lines(srt).split("\n[ \t]*\n")) {
            String[] lines = block.strip().split("\n");
            int at = lines.length > 1 && lines[0].strip().matches("\\d+") ? 1 : 0;
            lineNumber += block.split("\n").length + 1;
            if (lines.length == 1 && lines[0].isBlank()) {
                continue;
            }
            Matcher timing = SRT_TIMING.matcher(lines[at].strip());
            if (!timing.matches()) {
                throw Refusal.invalid("This .srt file has no timing line where one belongs (near line " + lineNumber + ")");
            }
            long start = millis(timing, 1);
            long end = millis(timing, 5);
            if (end <= start) {
                throw Refusal.invalid("A subtitle ends before it starts (near line " + lineNumber + ")");
            }
            out.append('\n').append(vttTime(start)).append(" --> ").append(vttTime(end)).append('\n');
            for (int i = at + 1; i < lines.length; i++) {
                out.append(safeText(lines[i].strip())).append('\n');
            }
            cues++;
        }
        if (cues == 0) {
            throw Refusal.invalid("This .srt file has no subtitles in it");
        }
        return out.toString();
    }

    /** Checks a WebVTT file and returns it with Unix line ends and no byte order mark. */
    public static String checkVtt(String vtt) {
        String text = lines(vtt);
        String first = text.split("\n", 2)[0];
        if (!first.equals("WEBVTT") && !first.startsWith("WEBVTT ") && !first.startsWith("WEBVTT\t")) {
            throw Refusal.invalid("A .vtt file must start with the line WEBVTT");
        }
        int cues = 0;
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (!line.contains("-->")) {
                continue;
            }
            Matcher timing = VTT_TIMING.matcher(line.strip());
            boolean cueStart = lines[i - 1].isBlank() || (i >= 2 && lines[i - 2].isBlank());
            if (!timing.matches() || !cueStart) {
                throw Refusal.invalid("Line " + (i + 1) + " of this .vtt file is not a valid cue timing (hh:mm:ss.ttt --> hh:mm:ss.ttt)");
            }
            if (vttMillis(timing.group(1)) >= vttMillis(timing.group(6))) {
                throw Refusal.invalid("The subtitle on line " + (i + 1) + " ends before it starts");
            }
            cues++;
        }
        if (cues == 0) {
            throw Refusal.invalid("This .vtt file has no subtitles in it");
        }
        return text.endsWith("\n") ? text : text + "\n";
    }

    /** The media playlist that offers one WebVTT file as a single segment as long as the film. */
    public static String playlist(SubtitleTrack track, Duration filmLength) {
        double seconds = Math.max(1, filmLength.toMillis() / 1000.0);
        String vtt = track.vttUri().substring(track.vttUri().lastIndexOf('/') + 1);
        return "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:" + (long) Math.ceil(seconds)
                + "\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n"
                + String.format(Locale.ROOT, "#EXTINF:%.3f,%n", seconds).replace("\r", "")
                + vtt + "\n#EXT-X-ENDLIST\n";
    }

    /**
     * A stored master playlist with these subtitle tracks offered (and any it offered before removed),
     * so tracks can be added or taken away after packaging without encoding again.
     */
    public static String offerIn(String masterPlaylist, List<SubtitleTrack> tracks) {
        List<String> out = new ArrayList<>();
        boolean added = false;
        for (String line : lines(masterPlaylist).split("\n")) {
            if (line.startsWith("#EXT-X-MEDIA:") && line.contains("TYPE=SUBTITLES")) {
                continue;
            }
            if (line.startsWith("#EXT-X-STREAM-INF:")) {
                if (!added) {
                    tracks.forEach(t -> out.add(MasterPlaylist.media(t)));
                    added = true;
                }
                line = line.replaceAll(",SUBTITLES=\"[^\"]*\"", "") + (tracks.isEmpty() ? "" : ",SUBTITLES=\"" + MasterPlaylist.SUBTITLE_GROUP + "\"");
            }
            out.add(line);
        }
        return String.join("\n", out) + "\n";
    }

    private static String lines(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return t.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Cue text as WebVTT reads it: b, i and u tags kept, any other markup shown as text, never as a tag. */
    static String safeText(String line) {
        String escaped = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return KEPT_TAG.matcher(escaped).replaceAll(m -> "<" + (m.group(1) == null ? "" : "/") + m.group(2).toLowerCase(Locale.ROOT) + ">");
    }

    private static long millis(Matcher m, int group) {
        long h = Long.parseLong(m.group(group));
        long min = Long.parseLong(m.group(group + 1));
        long s = Long.parseLong(m.group(group + 2));
        String frac = m.group(group + 3);
        long ms = Long.parseLong((frac + "00").substring(0, 3));
        return ((h * 60 + min) * 60 + s) * 1000 + ms;
    }

    private static long vttMillis(String time) {
        Matcher m = VTT_TIME.matcher(time);
        m.matches();
        long h = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        return ((h * 60 + Long.parseLong(m.group(2))) * 60 + Long.parseLong(m.group(3))) * 1000 + Long.parseLong(m.group(4));
    }

    private static String vttTime(long millis) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000);
    }
}
