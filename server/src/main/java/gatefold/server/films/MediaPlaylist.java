package gatefold.server.films;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A media playlist read back: its init segment and its segments with their lengths. Used to
 * measure what was made (bandwidth, alignment), not to serve: serving goes through
 * {@link PlaylistRewriter}, which keeps every line it does not understand.
 */
public record MediaPlaylist(Optional<String> initSegment, List<Segment> segments) {

    public record Segment(String uri, double seconds) {
    }

    public MediaPlaylist {
        segments = List.copyOf(segments);
    }

    public static MediaPlaylist parse(String text) {
        Optional<String> init = Optional.empty();
        List<Segment> segments = new ArrayList<>();
        double pending = -1;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#EXT-X-MAP:")) {
                init = PlaylistRewriter.uriAttribute(line);
            } else if (line.startsWith("#EXTINF:")) {
                String value = line.substring("#EXTINF:".length());
                int comma = value.indexOf(',');
                pending = Double.parseDouble(comma < 0 ? value : value.substring(0, comma));
            } else if (!line.isEmpty() && !line.startsWith("#") && pending >= 0) {
                segments.add(new Segment(line, pending));
                pending = -1;
            }
        }
        return new MediaPlaylist(init, segments);
    }

    public double totalSeconds() {
        return segments.stream().mapToDouble(Segment::seconds).sum();
    }

    /** The instants (in seconds from the start) at which segments after the first begin. */
    public List<Double> cutTimes() {
        List<Double> cuts = new ArrayList<>();
        double at = 0;
        for (int i = 0; i < segments.size() - 1; i++) {
            at += segments.get(i).seconds();
            cuts.add(at);
        }
        return cuts;
    }
}
