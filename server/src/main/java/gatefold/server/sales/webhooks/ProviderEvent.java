package gatefold.server.sales.webhooks;

/**
 * A verified event from an artist's payment provider, and what it does. The effect runs
 * once per event id; it must only move purchases of the artist whose secret signed it.
 *
 * @param id         the provider's id for the event (the same on every redelivery)
 * @param type       the provider's event type, for the record
 * @param purchaseId the purchase it concerns; null when it concerns none of this artist's, and then it is only acknowledged
 * @param effect     what it changes; nothing for events Gatefold does not act on
 */
public record ProviderEvent(String id, String type, String purchaseId, Runnable effect) {

    public static ProviderEvent ignored(String id, String type) {
        return new ProviderEvent(id, type, null, () -> { });
    }
}
