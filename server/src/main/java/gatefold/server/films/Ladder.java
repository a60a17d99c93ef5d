package gatefold.server.films;

import java.util.List;

/**
 * What to make of one film master: its renditions, smallest first, and the settings they share so
 * that every rendition's segments start at the same instants and a player can switch between them
 * at any segment boundary.
 *
 * @param rungs          the renditions, smallest first; never larger than the master
 * @param frameRate      the frame rate of every rendition
 * @param segmentSeconds the target segment length; keyframes are forced at its multiples
 * @param sound          true when the master has sound (then every rendition carries it)
 * @param preset         the x264 preset ("veryfast" unless a caller chooses another)
 * @param length         the master's length, to report progress against
 */
public record Ladder(List<Rung> rungs, FrameRate frameRate, int segmentSeconds, boolean sound, String preset,
        java.time.Duration length) {

    public Ladder {
        rungs = List.copyOf(rungs);
        if (rungs.isEmpty()) {
            throw new IllegalArgumentException("a ladder needs at least one rendition");
        }
        if (!preset.matches("ultrafast|superfast|veryfast|faster|fast|medium|slow|slower|veryslow")) {
            throw new IllegalArgumentException("not an x264 preset: " + preset);
        }
    }

    /** The same ladder encoded with another x264 preset (tests use ultrafast to stay quick). */
    public Ladder withPreset(String other) {
        return new Ladder(rungs, frameRate, segmentSeconds, sound, other, length);
    }

    /**
     * About how many bytes the renditions take: every rendition at its peak rate for the whole film,
     * so a real encode stays below it (averages are two thirds of the peak).
     */
    public long estimatedBytes() {
        long bitsPerSecond = rungs.stream().mapToLong(Rung::peakBitsPerSecond).sum();
        return bitsPerSecond / 8 * Math.max(1, length.toSeconds() + 1) + 1_000_000;
    }

    /** A ladder of just this rendition, everything else the same: what one ffmpeg run makes. */
    public Ladder only(Rung rung) {
        return new Ladder(List.of(rung), frameRate, segmentSeconds, sound, preset, length);
    }

    /** Only the largest rendition: what a trailer or a single progressive file uses. */
    public Rung top() {
        return rungs.get(rungs.size() - 1);
    }
}
