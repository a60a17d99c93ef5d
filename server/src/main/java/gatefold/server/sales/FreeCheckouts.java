package gatefold.server.sales;

import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Throttles checkouts that cost nothing (free releases, pay-what-you-want at zero, full
 * discounts): each writes a purchase and mails a receipt to whatever address was typed, so a
 * script could otherwise fill the database and someone's inbox. Counted per address bucket
 * (an IPv4 address or an IPv6 /64) and per email, never per release: a free single that goes
 * viral must serve every fan who asks. In the database, so every instance agrees.
 *
 * <p>The numbers: 20 per address in 10 minutes leaves room for a household, a classroom or a
 * phone carrier's shared address; 10 per email in an hour lets a fan take a whole free
 * discography in one sitting while capping the receipts anyone can make us send to one inbox.
 */
final class FreeCheckouts {

    static final Duration ADDRESS_WINDOW = Duration.ofMinutes(10);
    static final int PER_ADDRESS = 20;
    static final Duration EMAIL_WINDOW = Duration.ofHours(1);
    static final int PER_EMAIL = 10;
    private final Jdbi jdbi;

    FreeCheckouts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Counts this free checkout, or refuses it with 429 when the address or the email has had its share. */
    void admit(ClientAddress from, String email) {
        Instant now = Instant.now();
        String byAddress = "ip:" + from.bucket();
        String byEmail = "email:" + email;
        jdbi.useHandle(h -> {
            if (count(h, byAddress, now.minus(ADDRESS_WINDOW)) >= PER_ADDRESS) {
                throw Refusal.tooMany("Many free downloads were asked for from your address; try again in a few minutes.",
                        ADDRESS_WINDOW);
            }
            if (count(h, byEmail, now.minus(EMAIL_WINDOW)) >= PER_EMAIL) {
                throw Refusal.tooMany("Many free downloads were asked for with this email; try again within the hour.",
                        EMAIL_WINDOW);
            }
            for (String bucket : new String[] {byAddress, byEmail}) {
                h.createUpdate("INSERT INTO free_checkouts (bucket, checked_out_at) VALUES (:b, :at)")
                        .bind("b", bucket).bind("at", now).execute();
            }
            h.createUpdate("DELETE FROM free_checkouts WHERE checked_out_at < :before")
                    .bind("before", now.minus(EMAIL_WINDOW)).execute();
        });
    }

    private static int count(Handle h, String bucket, Instant since) {
        return h.createQuery("SELECT COUNT(*) FROM free_checkouts WHERE bucket = :b AND checked_out_at > :since")
                .bind("b", bucket).bind("since", since).mapTo(Integer.class).one();
    }
}
