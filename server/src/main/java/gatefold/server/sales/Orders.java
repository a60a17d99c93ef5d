package gatefold.server.sales;

import gatefold.server.delivery.Entitlement;
import gatefold.server.delivery.EntitlementStatus;
import gatefold.server.delivery.Entitlements;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a purchase: pending until a provider confirms it, then confirmed, and
 * perhaps refunded or disputed. Every move is a guarded update, so a duplicate or late
 * event finds nothing to do, and events arriving out of order end in the right state
 * (a refund before the completion leaves the purchase refunded, never confirmed).
 */
public final class Orders {

    private static final Logger LOG = LoggerFactory.getLogger(Orders.class);
    private final Jdbi jdbi;
    private final Entitlements entitlements;
    private final SaleDocuments documents;
    private final List<SaleListener> listeners = new CopyOnWriteArrayList<>();

    public Orders(Jdbi jdbi, Entitlements entitlements, SaleDocuments documents) {
        this.jdbi = jdbi;
        this.entitlements = entitlements;
        this.documents = documents;
    }

    public void listen(SaleListener listener) {
        listeners.add(listener);
    }

    public Optional<Purchase> byId(String id) {
        return jdbi.onDemand(SalesDao.class).byId(id);
    }

    /** Confirms a pending purchase and grants its entitlement; true only for the call that did it. */
    public boolean confirm(String purchaseId) {
        Optional<Purchase> done;
        try {
            done = confirmOnce(purchaseId);
        } catch (RacedException lost) {
            return false;
        }
        done.ifPresent(p -> notify(l -> l.confirmed(p)));
        return done.isPresent();
    }

    /** Thrown inside the transaction when another request confirmed first, so our entitlement rolls back. */
    private static final class RacedException extends RuntimeException {
        RacedException() {
            super(null, null, false, false);
        }
    }

    private Optional<Purchase> confirmOnce(String purchaseId) {
        return jdbi.inTransaction(h -> {
            SalesDao dao = h.attach(SalesDao.class);
            Purchase purchase = dao.byId(purchaseId).orElse(null);
            if (purchase == null || purchase.status() != PurchaseStatus.PENDING) {
                return Optional.<Purchase>empty();
            }
            Entitlement entitlement = entitlements.grant(h, purchase.releaseId(), purchase.email());
            if (dao.transition(purchaseId, PurchaseStatus.PENDING, PurchaseStatus.CONFIRMED, entitlement.id(), Instant.now()) != 1) {
                throw new RacedException();
            }
            DiscountHolds.spend(h, purchaseId);
            Purchase confirmed = dao.byId(purchaseId).orElseThrow();
            // Last, so the invoice counter stays locked only for the moment it takes to write the invoice.
            documents.confirmed(h, confirmed);
            return Optional.of(confirmed);
        });
    }

    /**
     * The tax the provider decided (Stripe Tax), written on the still pending purchase so the
     * confirmation and its invoice carry it; false when the purchase is no longer pending.
     */
    public boolean recordTax(String purchaseId, TaxSplit split) {
        return jdbi.onDemand(SalesDao.class).recordTax(purchaseId, split.total().minor(), split.net().minor(), split.tax().minor(),
                split.country(), split.rate(), split.label(), Instant.now()) == 1;
    }

    /** Refunds a confirmed purchase (ending its links) or cancels a pending one for good. */
    public boolean refund(String purchaseId) {
        return move(purchaseId, PurchaseStatus.REFUNDED, true,
                List.of(PurchaseStatus.CONFIRMED, PurchaseStatus.DISPUTED, PurchaseStatus.PENDING), SaleListener::refunded);
    }

    /** The artist ends a purchase's downloads without a refund (a leaked link, a gift taken back). */
    public boolean revoke(String purchaseId) {
        return move(purchaseId, PurchaseStatus.REVOKED, true, List.of(PurchaseStatus.CONFIRMED), (l, p) -> { });
    }

    public boolean dispute(String purchaseId) {
        return move(purchaseId, PurchaseStatus.DISPUTED, true, List.of(PurchaseStatus.CONFIRMED), SaleListener::disputed);
    }

    /** A dispute the artist won gives the fan their downloads back; a lost one is a refund. */
    public boolean disputeClosed(String purchaseId, boolean won) {
        if (won) {
            return move(purchaseId, PurchaseStatus.CONFIRMED, true, List.of(PurchaseStatus.DISPUTED), (l, p) -> { });
        }
        return move(purchaseId, PurchaseStatus.REFUNDED, true, List.of(PurchaseStatus.DISPUTED), SaleListener::refunded);
    }

    /** A payment that failed or an invoice that expired: the pending purchase ends, nothing was granted. */
    public boolean fail(String purchaseId, PurchaseStatus status) {
        return move(purchaseId, status, false, List.of(PurchaseStatus.PENDING), (l, p) -> { });
    }

    private boolean move(String purchaseId, PurchaseStatus to, boolean entitlementFollows, List<PurchaseStatus> from,
                         java.util.function.BiConsumer<SaleListener, Purchase> tell) {
        Optional<Purchase> moved = jdbi.inTransaction(h -> {
            SalesDao dao = h.attach(SalesDao.class);
            Purchase purchase = dao.byId(purchaseId).orElse(null);
            if (purchase == null || !from.contains(purchase.status())) {
                return Optional.<Purchase>empty();
            }
            if (dao.transition(purchaseId, purchase.status(), to, null, Instant.now()) != 1) {
                return Optional.<Purchase>empty();
            }
            if (entitlementFollows && purchase.entitlementId() != null) {
                EntitlementStatus.following(to).ifPresent(s -> entitlements.setStatus(h, purchase.entitlementId(), s));
            }
            if (purchase.status() == PurchaseStatus.PENDING) {
                // A checkout that ends unpaid gives its discount use back.
                DiscountHolds.giveBack(h, purchaseId);
            } else if (to == PurchaseStatus.REFUNDED) {
                documents.refunded(h, purchase);
            }
            return dao.byId(purchaseId);
        });
        moved.ifPresent(p -> notify(l -> tell.accept(l, p)));
        return moved.isPresent();
    }

    private void notify(java.util.function.Consumer<SaleListener> event) {
        for (SaleListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("a sale listener failed: {}", e.getMessage());
            }
        }
    }
}
