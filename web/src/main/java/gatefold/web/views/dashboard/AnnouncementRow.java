package gatefold.web.views.dashboard;

/** An announcement as the artist sees it afterwards: when, what, and how many mails went and are still to go. */
public record AnnouncementRow(String date, String subject, boolean release, int sent, int pending) {
}
