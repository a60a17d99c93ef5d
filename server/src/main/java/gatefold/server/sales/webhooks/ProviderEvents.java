package gatefold.server.sales.webhooks;

import gatefold.server.db.Sql;
import gatefold.server.security.Tokens;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The provider events already acted on, so a duplicate or replayed event changes nothing.
 * Ids are kept per artist: an artist can sign any id with their own secret, and must not be
 * able to use up the id of an event meant for another artist.
 *
 * <p>An event is recorded before its effect and marked handled after it. If the instance dies
 * in between, the row stays unhandled and the provider's next delivery (it delivers again when
 * it got no answer) is acted on: effects only move a purchase from the states they name, so
 * acting twice changes nothing, while treating it as a duplicate would lose the payment.
 */
public final class ProviderEvents {

    /** What the store knew of an event when it arrived. */
    public enum Seen {
        /** First delivery: act on it. */
        NEW,
        /** Recorded, never marked handled (its instance died, or another delivery is at it now): act on it. */
        UNFINISHED,
        /** Acted on before: nothing changes. */
        HANDLED
    }

    private static final int MAX_ID = 200;
    private final Jdbi jdbi;

    public ProviderEvents(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records the event, and says whether it was acted on before. */
    public Seen record(String provider, String artistId, ProviderEvent event) {
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                            INSERT INTO provider_events (provider, event_id, artist_id, event_type, purchase_id, received_at)
                            VALUES (:provider, :id, :artist, :type, :purchase, :now)""")
                    .bind("provider", provider).bind("id", key(artistId, event.id())).bind("artist", artistId)
                    .bind("type", cut(event.type(), 100)).bind("purchase", event.purchaseId()).bind("now", Instant.now())
                    .execute());
            return Seen.NEW;
        } catch (UnableToExecuteStatementException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
        }
        int handled = jdbi.withHandle(h -> h.createQuery("""
                        SELECT COUNT(*) FROM provider_events
                        WHERE provider = :provider AND event_id = :id AND handled_at IS NOT NULL""")
                .bind("provider", provider).bind("id", key(artistId, event.id())).mapTo(Integer.class).one());
        return handled > 0 ? Seen.HANDLED : Seen.UNFINISHED;
    }

    /** The event's effect is done: later deliveries are duplicates. */
    public void handled(String provider, String artistId, ProviderEvent event) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE provider_events SET handled_at = :now WHERE provider = :provider AND event_id = :id")
                .bind("now", Instant.now()).bind("provider", provider).bind("id", key(artistId, event.id())).execute());
    }

    /** Forgets an event whose effect failed, so the provider's next delivery is acted on. */
    public void forget(String provider, String artistId, ProviderEvent event) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM provider_events WHERE provider = :provider AND event_id = :id")
                .bind("provider", provider).bind("id", key(artistId, event.id())).execute());
    }

    static String key(String artistId, String eventId) {
        String key = artistId + "/" + eventId;
        return key.length() <= MAX_ID ? key : artistId + "/sha256:" + Tokens.hash(eventId);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
