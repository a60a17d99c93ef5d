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
    record Headers(Handover handover, RequestPlan plan) implements ClickDecision {
    }

    /**
     * The file in this format is being made (the minute after an edit): nothing spent; a
     * browser gets a page that waits and then starts the download, a program 202.
     */
    record Preparing(String what, java.time.Duration retryAfter) implements ClickDecision {
    }

    /** Redirect mode: the request was charged and logged; send the fan to this store URL. */
    record Redirect(URI url) implements ClickDecision {
    }

    /**
     * Stream mode: send the planned bytes. {@code spend} charges and logs the request; run
     * it once the store has answered and before any header goes out (it may refuse, with
     * the limit spent, and then nothing was sent or spent).
     */
    record Stream(Handover handover, RequestPlan plan, Runnable spend) implements ClickDecision {
    }
}
