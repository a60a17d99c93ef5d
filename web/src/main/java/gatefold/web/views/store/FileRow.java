package gatefold.web.views.store;

import java.util.List;

/**
 * A file a fan gets: its name and size in words; for downloads also the link and the
 * SHA-256 (either may be null on pages that only describe what a purchase includes). A
 * track offered in several formats names the format its main link opens ({@code format})
 * and links the others; size and SHA-256 are given only where they are those of that file.
 */
public record FileRow(String name, String size, String href, String sha256, String format, List<FormatLink> others) {

    public FileRow(String name, String size, String href, String sha256) {
        this(name, size, href, sha256, null, List.of());
    }
}
