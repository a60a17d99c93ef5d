package gatefold.server.sales.stripe;

import gatefold.server.sales.SalesDao;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Which purchase a Stripe payment (PaymentIntent) paid for, so refunds and disputes find it. */
final class StripePaymentRefs {

    private final Jdbi jdbi;

    StripePaymentRefs(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void remember(String purchaseId, String paymentIntentId) {
        jdbi.onDemand(SalesDao.class).rememberStripePayment(purchaseId, paymentIntentId);
    }

    /** Within one artist's purchases only: another artist's account could name the same payment id. */
    Optional<String> purchaseFor(String artistId, String paymentIntentId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT id FROM purchases WHERE provider = 'stripe' AND payment_ref = :ref AND artist_id = :artist")
                .bind("ref", paymentIntentId).bind("artist", artistId).mapTo(String.class).findFirst());
    }
}
