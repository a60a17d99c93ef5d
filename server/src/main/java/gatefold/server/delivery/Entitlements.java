package gatefold.server.delivery;

import gatefold.server.common.Ids;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Grants and ends fans' rights to releases. Links are views of these, re-checked on every request. */
public final class Entitlements {

    private final Jdbi jdbi;
    private volatile Predicate<String> preorder = releaseId -> false;

    public Entitlements(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Says which releases are pre-orders: what is granted for them waits for the release date. */
    public void holdWhile(Predicate<String> isPreorder) {
        this.preorder = isPreorder;
    }

    /** Grants within the caller's transaction, so a purchase and its entitlement appear together. */
    public Entitlement grant(Handle handle, String releaseId, String email) {
        Instant now = Instant.now();
        EntitlementStatus status = preorder.test(releaseId) ? EntitlementStatus.PREORDERED : EntitlementStatus.CONFIRMED;
        Entitlement entitlement = new Entitlement(Ids.next("ent"), releaseId, email, status, now, now);
        handle.attach(DeliveryDao.class).insertEntitlement(entitlement);
        return entitlement;
    }

    public Optional<Entitlement> byId(String id) {
        return jdbi.onDemand(DeliveryDao.class).entitlement(id);
    }

    public void setStatus(Handle handle, String id, EntitlementStatus status) {
        handle.attach(DeliveryDao.class).setStatus(id, status, Instant.now());
    }

    public boolean releaseHasEntitlements(String releaseId) {
        return jdbi.onDemand(DeliveryDao.class).releaseHasEntitlements(releaseId);
    }
}
