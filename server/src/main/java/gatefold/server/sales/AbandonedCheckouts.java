package gatefold.server.sales;

import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.JobResult;
import gatefold.server.jobs.Jobs;
import gatefold.server.jobs.Lane;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends checkouts that stayed pending longer than any provider keeps its payment page open
 * (a Stripe Checkout Session lives 24 hours at most, a BTCPay invoice 15 minutes by default,
 * a test payment has no provider at all), so the discount use each one holds goes back even
 * when the provider's "expired" event never arrives. The provider is asked first: a payment
 * it reports is confirmed (its webhook was lost), and one it cannot judge yet (a bank debit
 * under way) is left alone.
 */
public final class AbandonedCheckouts {

    /** The longest a provider's checkout lives (Stripe's 24 hours), and an hour to spare. */
    public static final Duration LIFETIME = Duration.ofHours(25);
    /** The sweep: one recurring job, so one instance at a time asks the providers. */
    public static final JobKind SWEEP = JobKind.of("checkouts.abandoned", Lane.UPKEEP).withMaxAttempts(3)
            .withTimeout(Duration.ofMinutes(30));
    private static final Logger LOG = LoggerFactory.getLogger(AbandonedCheckouts.class);

    private final Jdbi jdbi;
    private final Checkout checkout;
    private final Orders orders;

    public AbandonedCheckouts(Jdbi jdbi, Checkout checkout, Orders orders) {
        this.jdbi = jdbi;
        this.checkout = checkout;
        this.orders = orders;
    }

    /** Says how this instance runs {@link #SWEEP}; it runs where the role runs background work. */
    public AbandonedCheckouts register(Jobs jobs) {
        jobs.register(SWEEP, ctx -> {
            runOnce(Instant.now());
            return JobResult.done();
        });
        return this;
    }

    /** Ends every checkout pending since before {@code now - LIFETIME} that its provider says is unpaid; returns how many. */
    public int runOnce(Instant now) {
        List<String> stale = jdbi.withHandle(h -> h.createQuery(
                        "SELECT id FROM purchases WHERE status = 'pending' AND created_at < :before ORDER BY created_at")
                .bind("before", now.minus(LIFETIME)).mapTo(String.class).list());
        int ended = 0;
        for (String id : stale) {
            Optional<Purchase> purchase = orders.byId(id).filter(p -> p.status() == PurchaseStatus.PENDING);
            if (purchase.isPresent() && settle(purchase.get())) {
                ended++;
            }
        }
        if (ended > 0) {
            LOG.info("ended {} abandoned checkout(s)", ended);
        }
        return ended;
    }

    private boolean settle(Purchase purchase) {
        if (purchase.providerRef() == null) {
            // It never reached a payment page, so nothing can have been paid.
            return orders.fail(purchase.id(), PurchaseStatus.EXPIRED);
        }
        Optional<Boolean> paid;
        try {
            paid = checkout.paidAtProvider(purchase);
        } catch (RuntimeException e) {
            LOG.warn("could not ask about purchase {}: {}", purchase.id(), e.getMessage());
            return false;
        }
        if (paid.isEmpty()) {
            return false;
        }
        if (paid.get()) {
            checkout.confirmPaid(purchase);
            return false;
        }
        return orders.fail(purchase.id(), PurchaseStatus.EXPIRED);
    }
}
