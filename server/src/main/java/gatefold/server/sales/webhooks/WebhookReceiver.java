package gatefold.server.sales.webhooks;

import gatefold.server.common.Refusal;
import gatefold.server.sales.PaymentAccounts;

/** One payment provider's webhooks: how they are signed, and what each event does to a purchase. */
public interface WebhookReceiver {

    /** The provider's name, as in {@code /webhooks/{provider}/{artistSlug}} and in purchases. */
    String provider();

    /** The request header that carries the signature. */
    String signatureHeader();

    /**
     * Checks the signature over the exact body with the artist's own webhook secret, then
     * reads the event. Throws a 400 {@link gatefold.server.common.Refusal} when the event is not
     * genuine; writes nothing.
     */
    ProviderEvent read(PaymentAccounts accounts, byte[] body, String signature);
}
