package gatefold.web.views.store;

/** One format of the album: its id (the submitted value), its label, and the zip's size in words (or that it is being prepared). */
public record AlbumButton(String format, String label, String size) {
}
