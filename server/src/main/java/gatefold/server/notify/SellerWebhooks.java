package gatefold.server.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import gatefold.server.common.Ids;
import gatefold.server.common.Refusal;
import gatefold.server.http.Json;
import gatefold.server.sales.Purchase;
import gatefold.server.sales.SaleListener;
import gatefold.server.security.SecretBox;
import gatefold.server.security.Tokens;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The artist's registered URLs, and the queue of events for them. Each sale, refund and
 * dispute becomes one delivery per URL; {@link WebhookDispatcher} sends and retries them.
 */
public final class SellerWebhooks implements SaleListener {

    static final int MAX_PER_ARTIST = 10;
    private final Jdbi jdbi;
    private final SecretBox secrets;
    private final WebhookTargets targets;
    private final ObjectMapper json = Json.mapper();

    public SellerWebhooks(Jdbi jdbi, SecretBox secrets, WebhookTargets targets) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.targets = targets;
    }

    public record Registered(String id, String url, String secret) {
    }

    public Registered register(String artistId, String rawUrl) {
        String url = targets.check(rawUrl).toString();
        int existing = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM seller_webhooks WHERE artist_id = :a")
                .bind("a", artistId).mapTo(Integer.class).one());
        if (existing >= MAX_PER_ARTIST) {
            throw Refusal.conflict("You can register at most " + MAX_PER_ARTIST + " webhook URLs.");
        }
        String id = Ids.next("whk");
        String secret = Tokens.generate("whsec");
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO seller_webhooks (id, artist_id, url, sealed_secret, created_at) VALUES (:id, :a, :url, :s, :now)""")
                .bind("id", id).bind("a", artistId).bind("url", url).bind("s", secrets.seal(label(id), secret))
                .bind("now", Instant.now()).execute());
        return new Registered(id, url, secret);
    }

    public List<Map<String, Object>> list(String artistId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, url, created_at FROM seller_webhooks WHERE artist_id = :a ORDER BY created_at")
                .bind("a", artistId).mapToMap().list()).stream()
                .map(row -> Map.<String, Object>of("id", row.get("id"), "url", row.get("url"))).toList();
    }

    public boolean delete(String artistId, String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM seller_webhooks WHERE id = :id AND artist_id = :a")
                .bind("id", id).bind("a", artistId).execute()) == 1;
    }

    public List<Map<String, Object>> deliveries(String artistId, String webhookId) {
        boolean owned = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) > 0 FROM seller_webhooks WHERE id = :id AND artist_id = :a")
                .bind("id", webhookId).bind("a", artistId).mapTo(Boolean.class).one());
        if (!owned) {
            throw Refusal.notFound("No such webhook.");
        }
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT id, event_type, status, attempts, last_status, last_error, created_at, delivered_at, next_attempt_at
                FROM webhook_deliveries WHERE webhook_id = :id ORDER BY created_at DESC LIMIT 200""")
                .bind("id", webhookId).mapToMap().list()).stream().map(row -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("id", row.get("id"));
                    out.put("event", row.get("event_type"));
                    out.put("status", row.get("status"));
                    out.put("attempts", row.get("attempts"));
                    out.put("lastStatus", row.get("last_status"));
                    out.put("lastError", row.get("last_error"));
                    out.put("createdAt", String.valueOf(row.get("created_at")));
                    out.put("deliveredAt", row.get("delivered_at") == null ? null : String.valueOf(row.get("delivered_at")));
                    return out;
                }).toList();
    }

    String secretOf(String webhookId, String sealed) {
        return secrets.openString(label(webhookId), sealed);
    }

    private static String label(String webhookId) {
        return "seller_webhook/" + webhookId;
    }

    @Override
    public void confirmed(Purchase purchase) {
        enqueue("sale.confirmed", purchase);
    }

    @Override
    public void refunded(Purchase purchase) {
        enqueue("sale.refunded", purchase);
    }

    @Override
    public void disputed(Purchase purchase) {
        enqueue("sale.disputed", purchase);
    }

    private void enqueue(String type, Purchase p) {
        List<String> hooks = jdbi.withHandle(h -> h.createQuery("SELECT id FROM seller_webhooks WHERE artist_id = :a")
                .bind("a", p.artistId()).mapTo(String.class).list());
        if (hooks.isEmpty()) {
            return;
        }
        Map<String, Object> sale = new LinkedHashMap<>();
        sale.put("id", p.id());
        sale.put("releaseId", p.releaseId());
        sale.put("email", p.email());
        sale.put("amount", p.amount().toWire());
        sale.put("status", p.status());
        sale.put("source", p.source());
        Instant now = Instant.now();
        for (String hook : hooks) {
            String deliveryId = Ids.next("dlv");
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("id", deliveryId);
            event.put("type", type);
            event.put("createdAt", now.toString());
            event.put("purchase", sale);
            String payload;
            try {
                payload = json.writeValueAsString(event);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            WebhookDispatcher.queue(jdbi, deliveryId, hook, type, payload, now);
        }
    }
}
