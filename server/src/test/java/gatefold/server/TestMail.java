package gatefold.server;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tests' mail server: one GreenMail set-up (a real SMTP server on a free port,
 * with the shop's login) and ways to read what it received: mails to one address, links in them.
 */
public final class TestMail {

    private TestMail() {
    }

    /** A GreenMail server for a test class ({@code @RegisterExtension static final}); it lives as long as the class. */
    public static GreenMailExtension server() {
        return new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("shop@example.com", "shop", "mail-secret"))
                .withPerMethodLifecycle(false);
    }

    public static Map<String, String> smtpSettings(GreenMailExtension smtp) {
        return Map.of("GATEFOLD_PAYMENTS_TEST", "true",
                "GATEFOLD_SMTP_HOST", "127.0.0.1",
                "GATEFOLD_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()),
                "GATEFOLD_SMTP_USER", "shop",
                "GATEFOLD_SMTP_PASSWORD", "mail-secret",
                "GATEFOLD_SMTP_FROM", "Gatefold Shop <shop@example.com>",
                "GATEFOLD_SMTP_STARTTLS", "false",
                "GATEFOLD_SMTP_PER_MINUTE", "60000");
    }

    public static List<MimeMessage> to(GreenMailExtension smtp, String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    public static List<MimeMessage> to(GreenMailExtension smtp, String address, String subjectPart) {
        return to(smtp, address).stream().filter(m -> subject(m).contains(subjectPart)).toList();
    }

    public static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(MimeMessage m) {
        try {
            return ((String) m.getContent()).replace("\r\n", "\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path of the first link in the mail that goes to {@code /<prefix>/...}. */
    public static String path(MimeMessage m, String prefix) {
        Matcher found = Pattern.compile("https?://[^/\\s]+(/" + Pattern.quote(prefix) + "/\\S+)").matcher(text(m));
        if (!found.find()) {
            throw new AssertionError("no /" + prefix + "/ link in: " + text(m));
        }
        return found.group(1);
    }
}
