package gatefold.server.mail;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One plain-text email to one address. {@code replyTo} may be null. Subjects are kept to
 * one line, so text a person typed (a release title) can never add headers. {@code headers}
 * are extra ones Gatefold sets itself (List-Unsubscribe); a line break in one is refused.
 */
public record Mail(String to, String subject, String text, String replyTo, Map<String, String> headers) {

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,60}");

    public Mail {
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("a mail needs an address");
        }
        subject = MailText.line(subject, 200);
        text = text == null ? "" : text;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        for (var header : headers.entrySet()) {
            if (!HEADER_NAME.matcher(header.getKey()).matches() || header.getValue().chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new IllegalArgumentException("a mail header is one line with a plain name: " + header.getKey());
            }
        }
    }

    public Mail(String to, String subject, String text, String replyTo) {
        this(to, subject, text, replyTo, Map.of());
    }

    public Mail(String to, String subject, String text) {
        this(to, subject, text, null, Map.of());
    }

    /** The same mail with one more header. */
    public Mail withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Mail(to, subject, text, replyTo, more);
    }
}
