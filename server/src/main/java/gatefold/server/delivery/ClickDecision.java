package gatefold.server.delivery;

import gatefold.server.common.Refusal;
import java.net.URI;

/**
 * What to do with a click on a download link, decided in one place
 * ({@link Deliveries#decide}) for the Jetty fast path and the route alike.
 */
public sealed interface ClickDecision {

    /** The link, purchase, file, limit or store says no; nothing was spent. */
    record Refused(Refusal refusal) implements ClickDecision {
    }

    /** An answer without file bytes (HEAD, 304, 412, 416): headers only, no Location, nothing spent. */
    record Headers(DeliveryTarget target, RequestPlan plan) implements ClickDecision {
    }

    /** Redirect mode: the request was charged and logged; send the fan to this store URL. */
    record Redirect(URI url) implements ClickDecision {
    }

    /**
     * Stream mode: send the planned bytes. {@code spend} charges and logs the request; run
     * it once the store has answered and before any header goes out (it may refuse, with
     * the limit spent, and then nothing was sent or spent).
     */
    record Stream(DeliveryTarget target, RequestPlan plan, Runnable spend) implements ClickDecision {
    }
}
