package gatefold.web.views.dashboard;

import java.util.List;

/** The artist's releases, newest first. */
public record ReleasesPage(Nav nav, List<ReleaseRow> releases) {
}
