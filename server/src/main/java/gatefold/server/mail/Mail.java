package gatefold.server.mail;

/**
 * One plain-text email to one address. {@code replyTo} may be null. Subjects are kept to
 * one line, so text a person typed (a release title) can never add headers.
 */
public record Mail(String to, String subject, String text, String replyTo) {

    public Mail {
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("a mail needs an address");
        }
        subject = MailText.line(subject, 200);
        text = text == null ? "" : text;
    }

    public Mail(String to, String subject, String text) {
        this(to, subject, text, null);
    }
}
