package gatefold.server.films;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ffmpeg arguments that package a film into HLS: the master is decoded, split into one scaled
 * picture per rendition of the ladder given (the packager gives one rendition per run; a whole
 * ladder in one run also works), and every rendition is encoded with keyframes forced at
 * the same instants (multiples of the segment length, scene-cut keyframes off) so that all
 * renditions cut their segments at the same times. Sound is encoded into each rendition, which
 * every player handles; the master's metadata (a phone's location, say) is left out.
 */
public final class HlsCommand {

    public static final String PLAYLIST = "playlist.m3u8";
    public static final String SEGMENT_PATTERN = "seg_%05d.m4s";

    private HlsCommand() {
    }

    /** Everything after the ffmpeg program name; outputs go to {@code outDir/<rung name>/}. */
    public static List<String> arguments(Path master, Ladder ladder, Path outDir) {
        List<String> a = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
                "-progress", "pipe:1", "-y", "-i", master.toAbsolutePath().toString(),
                "-filter_complex", filters(ladder)));
        List<Rung> rungs = ladder.rungs();
        StringBuilder streamMap = new StringBuilder();
        for (int i = 0; i < rungs.size(); i++) {
            a.addAll(List.of("-map", "[v" + i + "]"));
            if (ladder.sound()) {
                a.addAll(List.of("-map", "0:a:0"));
            }
            streamMap.append(i == 0 ? "" : " ").append("v:").append(i).append(ladder.sound() ? ",a:" + i : "")
                    .append(",name:").append(rungs.get(i).name());
        }
        a.addAll(List.of("-map_metadata", "-1", "-map_chapters", "-1"));
        a.addAll(video(ladder));
        if (ladder.sound()) {
            a.addAll(List.of("-c:a", "aac", "-ac", "2", "-ar", "48000"));
            for (int i = 0; i < rungs.size(); i++) {
                a.addAll(List.of("-b:a:" + i, rungs.get(i).audioKbps() + "k"));
            }
        }
        a.addAll(List.of("-f", "hls", "-hls_time", String.valueOf(ladder.segmentSeconds()),
                "-hls_playlist_type", "vod", "-hls_segment_type", "fmp4", "-hls_flags", "independent_segments",
                "-hls_fmp4_init_filename", "init.mp4",
                "-hls_segment_filename", outDir.toAbsolutePath() + "/%v/" + SEGMENT_PATTERN,
                "-var_stream_map", streamMap.toString(),
                outDir.toAbsolutePath() + "/%v/" + PLAYLIST));
        return a;
    }

    /** One decode, a constant frame rate, then one scaled copy per rendition with square pixels. */
    static String filters(Ladder ladder) {
        List<Rung> rungs = ladder.rungs();
        StringBuilder f = new StringBuilder("[0:v]fps=").append(ladder.frameRate().fraction())
                .append(",split=").append(rungs.size());
        for (int i = 0; i < rungs.size(); i++) {
            f.append("[s").append(i).append(']');
        }
        for (int i = 0; i < rungs.size(); i++) {
            Rung r = rungs.get(i);
            f.append(";[s").append(i).append("]scale=").append(r.width()).append(':').append(r.height())
                    .append(",setsar=1,format=yuv420p[v").append(i).append(']');
        }
        return f.toString();
    }

    /** H.264 High for every rendition, each with its own bitrate, buffer and level. */
    static List<String> video(Ladder ladder) {
        long keyframeFrames = Math.round(ladder.segmentSeconds() * ladder.frameRate().perSecond());
        List<String> a = new ArrayList<>(List.of("-c:v", "libx264", "-preset", ladder.preset(), "-profile:v", "high",
                "-g", String.valueOf(keyframeFrames), "-keyint_min", String.valueOf(keyframeFrames), "-sc_threshold", "0",
                "-force_key_frames", "expr:gte(t,n_forced*" + ladder.segmentSeconds() + ")"));
        List<Rung> rungs = ladder.rungs();
        for (int i = 0; i < rungs.size(); i++) {
            Rung r = rungs.get(i);
            a.addAll(List.of("-b:v:" + i, r.videoKbps() + "k", "-maxrate:v:" + i, r.maxKbps() + "k",
                    "-bufsize:v:" + i, r.bufferKbits() + "k", "-level:v:" + i, r.level()));
        }
        return a;
    }
}
