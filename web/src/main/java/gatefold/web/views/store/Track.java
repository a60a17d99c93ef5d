package gatefold.web.views.store;

/** A line of the tracklist; {@code duration} is "m:ss", or null when it could not be read. */
public record Track(int number, String title, String duration) {
}
