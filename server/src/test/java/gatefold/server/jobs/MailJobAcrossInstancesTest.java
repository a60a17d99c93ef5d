package gatefold.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import gatefold.server.mail.Mail;
import gatefold.server.mail.MailSettings;
import gatefold.server.mail.Outbox;
import gatefold.server.mail.SmtpMailer;
import jakarta.mail.internet.InternetAddress;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SMTP mailer on the queue with two instances: a mail whose sending instance stopped
 * mid-conversation is never sent a second time; it goes to the outbox for the admin instead.
 */
class MailJobAcrossInstancesTest extends QueueFixture {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @Override
    protected SharedDatabase newSharedDatabase() {
        return SharedDatabase.h2();
    }

    private static MailSettings smtp(int port) throws Exception {
        return new MailSettings("127.0.0.1", port, Optional.empty(), Optional.empty(), new InternetAddress("shop@example.com"), false,
                Duration.ofSeconds(60));
    }

    @Test
    void aMailWhoseSenderStoppedMidSendGoesToTheOutboxRatherThanTwice() throws Exception {
        // Takes the connection and never greets: the send hangs as on an instance that froze mid-conversation.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Jobs a = queue("a");
            Jobs b = queue("b");
            SmtpMailer stuck = new SmtpMailer(smtp(silent.getLocalPort()), new Outbox(main.jdbi()), main.jdbi(), a);
            new SmtpMailer(smtp(SMTP.getSmtp().getPort()), new Outbox(main.jdbi()), main.jdbi(), b);
            a.start(Set.of(Lane.MAIL));
            stuck.send(new Mail("fan@example.com", "Your download: Halfway", "your links"));
            await().atMost(WAIT).until(() -> column("SELECT effect_key FROM job_effects").contains("smtp"));

            // Its heartbeat stops with it; the send it began still hangs, so its lease runs out.
            a.stop(Duration.ZERO);
            b.start(Set.of(Lane.MAIL));

            // The job's own "done" is written after the mail moved, so wait for that, then check the move was whole.
            await().atMost(WAIT).until(() -> column("SELECT state FROM jobs WHERE kind = 'mail.send'").contains("done"));
            assertThat(column("SELECT to_address FROM mail_outbox")).containsExactly("fan@example.com");
            assertThat(column("SELECT subject FROM mail_outbox")).containsExactly("Your download: Halfway");
            assertThat(column("SELECT id FROM mail_waiting")).isEmpty();
            assertThat(column("SELECT state FROM jobs WHERE kind = 'mail.send'")).containsExactly("done");
            assertThat(SMTP.getReceivedMessages()).as("the second instance sent nothing").isEmpty();
        }
    }

    @Test
    void mailQueuedOnOneInstanceIsSentOnceByWhicheverInstanceTakesIt() throws Exception {
        Jobs a = queue("a");
        Jobs b = queue("b");
        SmtpMailer fromA = new SmtpMailer(smtp(SMTP.getSmtp().getPort()), new Outbox(main.jdbi()), main.jdbi(), a);
        SmtpMailer fromB = new SmtpMailer(smtp(SMTP.getSmtp().getPort()), new Outbox(main.jdbi()), main.jdbi(), b);
        for (int i = 0; i < 30; i++) {
            (i % 2 == 0 ? fromA : fromB).send(new Mail("fan" + i + "@example.com", "Receipt " + i, "links " + i));
        }
        a.start(Set.of(Lane.MAIL));
        b.start(Set.of(Lane.MAIL));
        await().atMost(WAIT).until(() -> SMTP.getReceivedMessages().length >= 30 && column("SELECT id FROM mail_waiting").isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> SMTP.getReceivedMessages().length == 30);
        assertThat(column("SELECT id FROM mail_outbox")).isEmpty();
    }
}
