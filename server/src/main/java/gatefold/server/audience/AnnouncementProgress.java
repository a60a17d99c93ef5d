package gatefold.server.audience;

/**
 * How far an announcement has gone: mails sent, and followers it is still to reach (following,
 * had confirmed by the time it was written, not mailed yet). Pending falls to 0 when the job is done.
 */
public record AnnouncementProgress(Announcement announcement, int sent, int pending) {
}
