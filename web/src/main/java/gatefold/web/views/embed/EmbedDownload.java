package gatefold.web.views.embed;

import gatefold.web.views.store.FormatLink;
import java.util.List;

/** A file the fan can download from the overlay's receipt; a track in several formats names its main link's format and links the others. */
public record EmbedDownload(String name, String url, String sizeLabel, String format, List<FormatLink> others) {

    public EmbedDownload(String name, String url, String sizeLabel) {
        this(name, url, sizeLabel, null, List.of());
    }
}
