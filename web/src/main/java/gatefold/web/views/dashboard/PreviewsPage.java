package gatefold.web.views.dashboard;

import java.util.List;

/** What visitors hear of each track before buying, with a form per track; {@code error} shows a refused change. */
public record PreviewsPage(Nav nav, String releaseId, String releaseTitle, List<Row> tracks, String error) {

    /** One track: {@code mode} is clip, whole or none; {@code start} empty for the default point; {@code url} plays it. */
    public record Row(String fileId, String title, String mode, String start, String length, String url) {
    }
}
