package gatefold.server.dashboard;

import gatefold.server.books.BookServices;
import gatefold.server.books.StampText;
import gatefold.server.catalog.Release;
import gatefold.server.http.Json;
import gatefold.server.http.JsonBody;
import gatefold.web.views.dashboard.StampPanel;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * A book release's stamping as its dashboard page shows it, read from the same answer as
 * {@code GET /api/releases/{id}/stamping}, and the form that changes it (as its PATCH does).
 */
final class StampPanels {

    private final BookServices books;

    StampPanels(BookServices books) {
        this.books = books;
    }

    /** The panel for a book release; null for other kinds, which are not stamped. */
    StampPanel of(Release release) {
        if (!release.kind().equals("book")) {
            return null;
        }
        String wording = books.stamping().wording(release.id());
        List<StampPanel.StampRow> rows = books.stamping().files(release).stream().map(f -> new StampPanel.StampRow(f.fileId(),
                f.name(), f.stamped(), f.status().id(), f.reason(), f.notes())).toList();
        return new StampPanel(wording.equals(StampText.DEFAULT_WORDING) ? "" : wording, StampText.DEFAULT_WORDING, rows);
    }

    /** The form: {@code wording}, every book file as {@code file}, the ticked ones as {@code stamped}. */
    Release change(Release release, Context ctx) {
        var body = Json.mapper().createObjectNode();
        body.put("wording", ctx.formParam("wording") == null ? "" : ctx.formParam("wording"));
        var files = body.putObject("files");
        Set<String> ticked = Set.copyOf(ctx.formParams("stamped"));
        for (String fileId : ctx.formParams("file")) {
            files.put(fileId, ticked.contains(fileId));
        }
        books.choices().change(release, JsonBody.parse(body.toString().getBytes(StandardCharsets.UTF_8), Set.of("wording", "files")));
        return release;
    }
}
