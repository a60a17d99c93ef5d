package gatefold.web.views.dashboard;

import java.util.List;

/**
 * Creating ({@code releaseId} null) or editing a release: its fields, and when it exists its
 * cover, tracks in order, other files with download counts, uploads and publishing, and for
 * music its sound and formats ({@code formats}, null for other kinds), for books their
 * stamping ({@code stamping}, null for other kinds).
 */
public record ReleaseEditPage(Nav nav, String releaseId, String title, String status, String url, ReleaseFields fields,
                              String error, boolean hasCover, List<ReleaseFileRow> tracks, List<ReleaseFileRow> files,
                              FormatsPanel formats, StampPanel stamping) {

    public boolean isNew() {
        return releaseId == null;
    }

    public boolean isPublished() {
        return "published".equals(status);
    }
}
