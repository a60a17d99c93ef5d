package gatefold.web.views.dashboard;

import java.util.List;

/**
 * A buyers' file before (or after) its import: the columns with what each is read as, the first
 * rows, bad rows by line ("line 7: …"), and what a dry run (or the import) counted. {@code done}
 * once imported: then {@code summary} says what happened and the form is not shown again.
 */
public record BuyersCheckPage(Nav nav, String draftId, String fileName, String releaseTitle, String preset,
                              List<BuyerColumnChoice> columns, List<List<String>> rows, int rowCount, List<String> problems,
                              String summary, boolean done, String error) {
}
