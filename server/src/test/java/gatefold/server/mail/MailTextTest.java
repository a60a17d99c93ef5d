package gatefold.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.config.ConfigException;
import gatefold.server.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Text typed by people stays on one line of a mail, and SMTP settings are checked at start. */
class MailTextTest {

    @Test
    void aTitleWithLineBreaksCannotAddHeaders() {
        Mail mail = new Mail("fan@example.com", "Your download: Song\r\nBcc: everyone@example.com", "body");
        assertThat(mail.subject()).isEqualTo("Your download: Song Bcc: everyone@example.com").doesNotContain("\n").doesNotContain("\r");
        assertThat(MailText.line("x".repeat(300), 200)).hasSize(200).endsWith("…");
    }

    @Test
    void smtpSettingsNeedAFromAddressAndBothCredentials() {
        assertThat(MailSettings.from(Settings.of(Map.of()))).isEmpty();
        assertThatThrownBy(() -> MailSettings.from(Settings.of(Map.of("GATEFOLD_SMTP_HOST", "smtp.example.com"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GATEFOLD_SMTP_FROM");
        assertThatThrownBy(() -> MailSettings.from(Settings.of(Map.of("GATEFOLD_SMTP_HOST", "smtp.example.com",
                "GATEFOLD_SMTP_FROM", "shop@example.com", "GATEFOLD_SMTP_USER", "shop"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GATEFOLD_SMTP_PASSWORD");
        assertThatThrownBy(() -> MailSettings.from(Settings.of(Map.of("GATEFOLD_SMTP_HOST", "smtp.example.com",
                "GATEFOLD_SMTP_FROM", "not an address"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GATEFOLD_SMTP_FROM");
        MailSettings ok = MailSettings.from(Settings.of(Map.of("GATEFOLD_SMTP_HOST", "smtp.example.com",
                "GATEFOLD_SMTP_USER", "shop@example.com", "GATEFOLD_SMTP_PASSWORD", "pw"))).orElseThrow();
        assertThat(ok.port()).isEqualTo(587);
        assertThat(ok.startTls()).isTrue();
        assertThat(ok.from().getAddress()).isEqualTo("shop@example.com");
    }
}
