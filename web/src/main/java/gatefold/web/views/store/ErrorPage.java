package gatefold.web.views.store;

import gatefold.web.views.Layout;
import java.util.List;

/** A 404, 410 or other error page: what happened, and where a fan can go next. */
public record ErrorPage(Layout layout, int status, String heading, String message, List<Link> next) {
}
