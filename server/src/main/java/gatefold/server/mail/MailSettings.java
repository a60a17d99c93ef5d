package gatefold.server.mail;

import gatefold.server.config.ConfigException;
import gatefold.server.config.Settings;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * The SMTP server Gatefold sends through: GATEFOLD_SMTP_HOST, _PORT (587), _USER, _PASSWORD,
 * _FROM and _STARTTLS (on by default, and then required). Port 465 means TLS from the first byte.
 */
public record MailSettings(String host, int port, Optional<String> user, Optional<String> password, InternetAddress from,
                           boolean startTls, Duration timeout) {

    public static Optional<MailSettings> from(Settings s) {
        Optional<String> host = s.get("GATEFOLD_SMTP_HOST");
        if (host.isEmpty()) {
            return Optional.empty();
        }
        int port = s.integer("GATEFOLD_SMTP_PORT", 587, 1, 65535);
        Optional<String> user = s.get("GATEFOLD_SMTP_USER");
        Optional<String> password = s.get("GATEFOLD_SMTP_PASSWORD");
        if (user.isPresent() != password.isPresent()) {
            throw new ConfigException("GATEFOLD_SMTP_USER and GATEFOLD_SMTP_PASSWORD go together; set both, or neither for a server without sign-in");
        }
        String rawFrom = s.get("GATEFOLD_SMTP_FROM").or(() -> user.filter(u -> u.contains("@"))).orElseThrow(() ->
                new ConfigException("GATEFOLD_SMTP_FROM is not set; give the address Gatefold's emails come from, e.g. \"Shop <shop@example.com>\""));
        InternetAddress from;
        try {
            from = new InternetAddress(rawFrom, true);
        } catch (AddressException e) {
            throw new ConfigException("GATEFOLD_SMTP_FROM=" + rawFrom + " is not an email address; use e.g. \"Shop <shop@example.com>\"");
        }
        return Optional.of(new MailSettings(host.get(), port, user, password, from,
                s.flag("GATEFOLD_SMTP_STARTTLS", port != 465), Duration.ofSeconds(20)));
    }

    public boolean implicitTls() {
        return port == 465;
    }

    /** Never shows the password, so the settings can be logged. */
    @Override
    public String toString() {
        return "smtp://" + user.map(u -> u + "@").orElse("") + host + ":" + port + (startTls ? " (STARTTLS)" : implicitTls() ? " (TLS)" : "")
                + " from " + from;
    }
}
