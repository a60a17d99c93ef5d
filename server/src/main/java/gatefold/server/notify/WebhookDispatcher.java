package gatefold.server.notify;

import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.JobResult;
import gatefold.server.jobs.Jobs;
import gatefold.server.jobs.Lane;
import gatefold.server.outbound.OutboundFailure;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued seller-webhook deliveries, signed {@code Gatefold-Signature: t=<unix>,v1=<hex
 * HMAC-SHA256 of "t.body">}, and retries failures with growing pauses (30 s up to 6 h,
 * 8 attempts). Instances claim a delivery in the database before sending it. Every call goes
 * through {@link WebhookTargets}, so the address is checked again at each delivery.
 */
public final class WebhookDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final Duration[] BACKOFF = {Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10),
        Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6)};
    static final int MAX_ATTEMPTS = BACKOFF.length + 1;
    private static final Duration LEASE = Duration.ofMinutes(2);
    /**
     * Sends what is due: one recurring job every second, so one instance at a time sends. A run
     * killed mid-call leaves that delivery claimed for {@link #LEASE}; then it is sent again
     * (receivers tell repeats apart by the Gatefold-Delivery header).
     */
    public static final JobKind SEND = JobKind.of("webhooks.send", Lane.WEBHOOKS).withMaxAttempts(3)
            .withTimeout(Duration.ofMinutes(15));
    private final Jdbi jdbi;
    private final SellerWebhooks hooks;
    private final WebhookTargets targets;

    public WebhookDispatcher(Jdbi jdbi, SellerWebhooks hooks, WebhookTargets targets) {
        this.jdbi = jdbi;
        this.hooks = hooks;
        this.targets = targets;
    }

    /** Says how this instance runs {@link #SEND}; it runs where the role runs background work. */
    public WebhookDispatcher register(Jobs jobs) {
        jobs.register(SEND, ctx -> {
            runOnce(Instant.now());
            return JobResult.done();
        });
        return this;
    }

    /** Sends every delivery that is due; returns how many were sent successfully. */
    public int runOnce(Instant now) {
        List<Map<String, Object>> due = jdbi.withHandle(h -> h.createQuery("""
                SELECT d.id, d.payload, d.attempts, d.event_type, w.id AS webhook_id, w.url, w.sealed_secret
                FROM webhook_deliveries d JOIN seller_webhooks w ON w.id = d.webhook_id
                WHERE d.status = 'pending' AND d.next_attempt_at <= :now ORDER BY d.next_attempt_at LIMIT 50""")
                .bind("now", now).mapToMap().list());
        int sent = 0;
        for (Map<String, Object> row : due) {
            String id = (String) row.get("id");
            int attempts = ((Number) row.get("attempts")).intValue();
            int claimed = jdbi.withHandle(h -> h.createUpdate("""
                    UPDATE webhook_deliveries SET next_attempt_at = :lease
                    WHERE id = :id AND status = 'pending' AND attempts = :attempts AND next_attempt_at <= :now""")
                    .bind("lease", now.plus(LEASE)).bind("id", id).bind("attempts", attempts).bind("now", now).execute());
            if (claimed == 1 && deliver(row, attempts + 1)) {
                sent++;
            }
        }
        return sent;
    }

    private boolean deliver(Map<String, Object> row, int attempt) {
        String id = (String) row.get("id");
        String payload = (String) row.get("payload");
        Integer status = null;
        String error;
        try {
            String secret = hooks.secretOf((String) row.get("webhook_id"), (String) row.get("sealed_secret"));
            long t = Instant.now().getEpochSecond();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("User-Agent", "Gatefold-Webhooks");
            headers.put("Gatefold-Event", (String) row.get("event_type"));
            headers.put("Gatefold-Delivery", id);
            headers.put("Gatefold-Signature", "t=" + t + ",v1=" + sign(secret, t + "." + payload));
            status = targets.post((String) row.get("url"), headers, payload).status();
            record(id, "delivered", attempt, status, null, Instant.now());
            return true;
        } catch (OutboundFailure f) {
            // The artist reads this in the delivery log: a plain reason, never an exception's text.
            status = f.status().isPresent() ? f.status().getAsInt() : null;
            error = f.reason();
        } catch (RuntimeException e) {
            LOG.warn("seller webhook delivery {} could not be sent: {}", id, e.toString());
            error = "not sent (a problem on this store's side)";
        }
        boolean last = attempt >= MAX_ATTEMPTS;
        Instant next = last ? Instant.now() : Instant.now().plus(BACKOFF[attempt - 1]);
        record(id, last ? "failed" : "pending", attempt, status, error, next);
        return false;
    }

    private void record(String id, String status, int attempts, Integer httpStatus, String error, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE webhook_deliveries SET status = :status, attempts = :attempts, last_status = :http, last_error = :error,
                       next_attempt_at = :at, delivered_at = :deliveredAt
                WHERE id = :id""")
                .bind("status", status).bind("attempts", attempts).bind("http", httpStatus).bind("error", error)
                .bind("at", at).bind("deliveredAt", status.equals("delivered") ? at : null).bind("id", id).execute());
    }

    static String sign(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Queues one event for one registered URL; the dispatcher's next round sends it. */
    static void queue(Jdbi jdbi, String deliveryId, String webhookId, String type, String payload, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO webhook_deliveries (id, webhook_id, event_type, payload, status, attempts, next_attempt_at, created_at)
                VALUES (:id, :hook, :type, :payload, 'pending', 0, :now, :now)""")
                .bind("id", deliveryId).bind("hook", webhookId).bind("type", type).bind("payload", payload).bind("now", now)
                .execute());
    }
}
