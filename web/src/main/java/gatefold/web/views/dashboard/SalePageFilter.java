package gatefold.web.views.dashboard;

import java.util.List;

/** The sales filters as the form shows them. */
public record SalePageFilter(List<Choice> releases, List<Choice> statuses, String from, String to, String email) {
}
