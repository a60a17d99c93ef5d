package gatefold.web.views.dashboard;

/**
 * A track as checked after upload: {@code sound} ("FLAC, 24-bit, 44.1 kHz, stereo, 3:05"),
 * or the {@code problem} that keeps it from being published, or neither while it is being
 * checked; and the title its files carry ({@code title} as set, {@code placeholder} as taken
 * from the file name).
 */
public record TrackCheck(String fileId, String name, String title, String placeholder, String sound, String problem) {

    public boolean checking() {
        return sound == null && problem == null;
    }
}
