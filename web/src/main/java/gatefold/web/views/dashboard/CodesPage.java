package gatefold.web.views.dashboard;

import java.util.List;

/** Download codes of one release: generate more, list them, export them as CSV. */
public record CodesPage(Nav nav, String releaseId, String releaseTitle, List<CodeRow> codes, String error) {
}
