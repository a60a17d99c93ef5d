package gatefold.server.films;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes {@code master.m3u8}: one {@code #EXT-X-STREAM-INF} per rendition with measured bandwidth
 * (BANDWIDTH is the peak segment bitrate, AVERAGE-BANDWIDTH the whole rendition's, both from the
 * files written), its resolution, frame rate and codecs, and the subtitle tracks as a group.
 */
public final class MasterPlaylist {

    static final String SUBTITLE_GROUP = "subs";

    /** One rendition as the master playlist lists it. */
    public record Variant(String uri, long bandwidth, long averageBandwidth, String resolution, FrameRate frameRate,
            List<String> codecs, int shortSide) {
    }

    private MasterPlaylist() {
    }

    /**
     * The rendition nearest 720 lines comes first, since players such as Safari start with the first
     * listed; the others follow smallest first.
     */
    public static String write(List<Variant> variants, List<SubtitleTrack> subtitles) {
        StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (SubtitleTrack track : subtitles) {
            out.append(media(track)).append('\n');
        }
        for (Variant v : order(variants)) {
            out.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(v.bandwidth())
                    .append(",AVERAGE-BANDWIDTH=").append(v.averageBandwidth())
                    .append(",RESOLUTION=").append(v.resolution())
                    .append(",FRAME-RATE=").append(v.frameRate().decimal())
                    .append(",CODECS=\"").append(String.join(",", v.codecs())).append('"');
            if (!subtitles.isEmpty()) {
                out.append(",SUBTITLES=\"").append(SUBTITLE_GROUP).append('"');
            }
            out.append('\n').append(v.uri()).append('\n');
        }
        return out.toString();
    }

    static String media(SubtitleTrack track) {
        return "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"" + SUBTITLE_GROUP + "\",NAME=\"" + track.name()
                + "\",LANGUAGE=\"" + track.language() + "\",DEFAULT=" + (track.preferred() ? "YES" : "NO")
                + ",AUTOSELECT=YES,FORCED=NO,URI=\"" + track.uri() + "\"";
    }

    private static List<Variant> order(List<Variant> variants) {
        List<Variant> sorted = new ArrayList<>(variants);
        sorted.sort(Comparator.comparingInt(Variant::shortSide));
        Variant first = sorted.stream().min(Comparator.comparingInt(v -> Math.abs(v.shortSide() - 720))).orElseThrow();
        sorted.remove(first);
        sorted.add(0, first);
        return sorted;
    }
}
