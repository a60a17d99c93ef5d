package gatefold.server.storefront;

import gatefold.server.delivery.DownloadLinks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The format a fan chose last (null when they never chose): what their receipt, library and
 * mails list first. Where a file or album is not offered in it, the release's own order stands.
 */
public record ChosenFormat(String format) {

    public static ChosenFormat none() {
        return new ChosenFormat(null);
    }

    public Optional<String> id() {
        return Optional.ofNullable(format);
    }

    /** The formats in the release's order, the chosen one moved to the front. */
    public List<String> order(Collection<String> formats) {
        List<String> out = new ArrayList<>(formats);
        if (format != null && out.remove(format)) {
            out.add(0, format);
        }
        return out;
    }

    /** The format a file's main link opens: the chosen one when the file has it, else the file's default. */
    public String primary(DownloadLinks.Download download) {
        return format != null && download.formats().containsKey(format) ? format : download.format();
    }

    /** The album's formats, the chosen one first. */
    public List<DownloadLinks.Album> albums(List<DownloadLinks.Album> albums) {
        List<DownloadLinks.Album> out = new ArrayList<>(albums);
        out.stream().filter(a -> a.format().equals(format)).findFirst().ifPresent(chosen -> {
            out.remove(chosen);
            out.add(0, chosen);
        });
        return out;
    }
}
