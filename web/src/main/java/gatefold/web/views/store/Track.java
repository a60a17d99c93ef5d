package gatefold.web.views.store;

/**
 * A line of the tracklist; {@code duration} is "m:ss", or null when it could not be read;
 * {@code previewUrl} is what a plain {@code <audio>} plays before buying (the clip, or the
 * whole track for a buyer), null when the artist offers none or it is not made yet.
 */
public record Track(int number, String title, String duration, String previewUrl) {

    public Track(int number, String title, String duration) {
        this(number, title, duration, null);
    }
}
