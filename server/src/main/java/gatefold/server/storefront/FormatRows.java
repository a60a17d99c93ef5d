package gatefold.server.storefront;

import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.ByteSizes;
import gatefold.server.common.Refusal;
import gatefold.server.delivery.DownloadLinks;
import gatefold.server.media.AudioFormat;
import gatefold.web.views.store.AlbumButton;
import gatefold.web.views.store.AlbumChoice;
import gatefold.web.views.store.FileRow;
import gatefold.web.views.store.FormatLink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A purchase's links as fans see them on receipts, in the library and in embeds: the album
 * as one button per format, and each file with its main link in the fan's format and links
 * to the others. Sizes and SHA-256 are those of the uploaded file, so they are shown only
 * next to the original.
 */
public final class FormatRows {

    static final String ORIGINAL = "original";

    private FormatRows() {
    }

    /** Rows for every file; {@code files} finds the uploaded file by id (or null, when the page does without names and checksums). */
    public static List<FileRow> rows(List<DownloadLinks.Download> downloads, ChosenFormat chosen,
                                     Function<String, ReleaseFile> files) {
        return downloads.stream().map(d -> row(d, chosen, files.apply(d.fileId()))).toList();
    }

    /** One file's row; {@code file} is the uploaded file, or null when its name and checksum are not looked up. */
    public static FileRow row(DownloadLinks.Download d, ChosenFormat chosen, ReleaseFile file) {
        String sha256 = file == null ? null : file.sha256();
        if (d.formats().size() <= 1) {
            return new FileRow(d.name(), ByteSizes.readable(d.size()), d.url(), sha256);
        }
        String main = chosen.primary(d);
        List<FormatLink> others = new ArrayList<>();
        for (String format : chosen.order(d.formats().keySet())) {
            if (!format.equals(main)) {
                others.add(new FormatLink(label(format), d.formats().get(format), readable(sizeIn(d, format, file))));
            }
        }
        return new FileRow(nameIn(d, main, file), readable(sizeIn(d, main, file)), d.formats().get(main),
                main.equals(ORIGINAL) ? sha256 : null, label(main), others);
    }

    /**
     * A file's size in a format, where it is surely known: the original's, from the uploaded
     * file (or from the download when the original is its default); null for made files.
     */
    public static Long sizeIn(DownloadLinks.Download d, String format, ReleaseFile file) {
        if (!format.equals(ORIGINAL)) {
            return null;
        }
        return file != null ? Long.valueOf(file.size()) : d.format().equals(ORIGINAL) ? Long.valueOf(d.size()) : null;
    }

    private static String readable(Long bytes) {
        return bytes == null ? null : ByteSizes.readable(bytes);
    }

    /** The album's formats as buttons that submit to {@code action}, the fan's format first. */
    public static AlbumChoice albums(String action, List<DownloadLinks.Album> albums, ChosenFormat chosen) {
        return new AlbumChoice(action, chosen.albums(albums).stream().map(a -> new AlbumButton(a.format(), a.label(),
                a.size() == null ? "being prepared" : ByteSizes.readable(a.size()))).toList());
    }

    /**
     * The name a file downloads under in a format: derived files share a name and differ in
     * extension; the original keeps the name it was uploaded with.
     */
    public static String nameIn(DownloadLinks.Download d, String format, ReleaseFile file) {
        if (format.equals(d.format())) {
            return d.name();
        }
        if (format.equals(ORIGINAL)) {
            return file != null ? file.name() : base(d.name());
        }
        AudioFormat known = format(format);
        return base(d.name()) + (known == null ? "" : "." + known.extension());
    }

    /** What a fan reads for a format id ("MP3 320"); the id itself for one this server does not know. */
    public static String label(String format) {
        AudioFormat known = format(format);
        return known == null ? format : known.label();
    }

    private static AudioFormat format(String id) {
        try {
            return AudioFormat.fromId(id);
        } catch (Refusal unknown) {
            return null;
        }
    }

    private static String base(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
