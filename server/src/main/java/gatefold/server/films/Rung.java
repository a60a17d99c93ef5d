package gatefold.server.films;

/**
 * One rendition of a film: a picture size and the bitrates it is encoded at.
 *
 * @param name       what the quality menu shows and the folder it is stored in: "360p", "720p", "1080p",
 *                   or the master's own size such as "480p"
 * @param videoKbps  the average video bitrate asked of the encoder
 * @param maxKbps    the peak the encoder's buffer model allows (1.5 times the average)
 * @param bufferKbits the size of that buffer (2 times the average: about 2 s of video)
 * @param level      the H.264 level, such as "3.1"
 * @param audioKbps  the AAC stereo bitrate, or 0 when the film has no sound
 */
public record Rung(String name, int width, int height, int videoKbps, int maxKbps, int bufferKbits, String level,
        int audioKbps) {

    /** Peak bits per second the encoder may reach, video and sound together (before container overhead). */
    public long peakBitsPerSecond() {
        return 1000L * (maxKbps + audioKbps);
    }

    public String resolution() {
        return width + "x" + height;
    }
}
