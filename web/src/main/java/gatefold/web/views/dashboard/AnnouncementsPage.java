package gatefold.web.views.dashboard;

import java.util.List;

/** Write to everyone following: the form (kept filled after a refusal), how many it reaches, and what was sent before. */
public record AnnouncementsPage(Nav nav, int following, String subject, String body, List<AnnouncementRow> sent,
                                String error, String notice) {
}
