package gatefold.server.sales.webhooks;

import gatefold.server.security.Tokens;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The provider events already acted on, so a duplicate or replayed event changes nothing.
 * Ids are kept per artist: an artist can sign any id with their own secret, and must not be
 * able to use up the id of an event meant for another artist.
 */
public final class ProviderEvents {

    private static final int MAX_ID = 200;
    private final Jdbi jdbi;

    public ProviderEvents(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records the event; false when it was recorded before. */
    public boolean record(String provider, String artistId, ProviderEvent event) {
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                            INSERT INTO provider_events (provider, event_id, artist_id, event_type, purchase_id, received_at)
                            VALUES (:provider, :id, :artist, :type, :purchase, :now)""")
                    .bind("provider", provider).bind("id", key(artistId, event.id())).bind("artist", artistId)
                    .bind("type", cut(event.type(), 100)).bind("purchase", event.purchaseId()).bind("now", Instant.now())
                    .execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (isDuplicate(e)) {
                return false;
            }
            throw e;
        }
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

    /** Unique violation: SQL state 23505 in both H2 and PostgreSQL. */
    private static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
