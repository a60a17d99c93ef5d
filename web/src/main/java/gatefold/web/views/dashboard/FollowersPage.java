package gatefold.web.views.dashboard;

import java.util.List;

/** The artist's followers: counts, the list, its CSV export, and the import form (with an error or a notice after a post). */
public record FollowersPage(Nav nav, int following, int pending, int unsubscribed, List<FollowerRow> followers,
                            String csvHref, String importText, String error, String notice) {
}
