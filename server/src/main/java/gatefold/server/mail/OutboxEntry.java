package gatefold.server.mail;

import java.time.Instant;

/** A mail kept in the outbox; {@code sent} is false for every mail that did not reach an SMTP server. */
public record OutboxEntry(String id, String toAddress, String subject, String body, Instant createdAt, boolean sent) {
}
