package gatefold.web.views.store;

import java.util.List;

/**
 * The whole release as one zip, one button per format (the fan's choice or the release's
 * default first). The buttons submit {@code format} to {@code action} with GET, which
 * remembers the choice and starts the download: no JavaScript needed.
 */
public record AlbumChoice(String action, List<AlbumButton> buttons) {

    public boolean isEmpty() {
        return buttons.isEmpty();
    }
}
