package gatefold.server.audience;

import gatefold.server.accounts.Artist;
import gatefold.server.mail.Mail;
import gatefold.server.mail.MailText;
import java.net.URI;

/**
 * The words of follower mails. Every mail but the confirmation carries a one-click
 * unsubscribe (RFC 8058: {@code List-Unsubscribe} with an https or http URL, and
 * {@code List-Unsubscribe-Post}) and the same link in its footer.
 */
final class FollowerMails {

    private final URI publicUrl;

    FollowerMails(URI publicUrl) {
        this.publicUrl = publicUrl;
    }

    String confirmUrl(String token) {
        return publicUrl + "/follow/confirm/" + token;
    }

    String leaveUrl(Follower follower) {
        return publicUrl + "/unsubscribe/" + follower.leaveToken();
    }

    Mail confirmation(Artist artist, String email, String token) {
        String name = MailText.line(artist.name(), 120);
        String text = "Someone (we hope you) asked to hear from " + name + " when they release something new.\n\n"
                + "To say yes, open this link within 48 hours:\n" + confirmUrl(token) + "\n\n"
                + "If you did not ask, ignore this mail: nothing more will be sent to you.\n";
        return new Mail(email, "Confirm: new releases from " + name, text, artist.email());
    }

    /** An announcement to one follower, with the unsubscribe headers and footer. */
    Mail toFollower(Artist artist, Follower follower, String subject, String body) {
        String leave = leaveUrl(follower);
        String text = body.strip() + "\n\n--\nYou get this because you follow " + MailText.line(artist.name(), 120) + " at "
                + publicUrl + "/a/" + artist.slug() + ".\nUnsubscribe with one click: " + leave + "\n";
        return new Mail(follower.email(), subject, text, artist.email())
                .withHeader("List-Unsubscribe", "<" + leave + ">")
                .withHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
}
