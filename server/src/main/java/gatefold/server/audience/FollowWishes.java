package gatefold.server.audience;

import gatefold.server.sales.PurchaseStatus;
import gatefold.server.sales.FollowWish;
import gatefold.server.sales.Orders;
import gatefold.server.sales.Purchase;
import gatefold.server.sales.SaleListener;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Buyers who ticked "tell me about new releases" at checkout. Their wish waits until the
 * purchase is confirmed, then they get the same confirmation mail as the follow form: a
 * checkout for someone else's address (a free release, say) never signs a stranger up.
 * Deleting the wish row is what makes the ask happen once, whichever side comes second.
 */
final class FollowWishes implements FollowWish, SaleListener {

    private final Jdbi jdbi;
    private final Orders orders;
    private final Follows follows;

    FollowWishes(Jdbi jdbi, Orders orders, Follows follows) {
        this.jdbi = jdbi;
        this.orders = orders;
        this.follows = follows;
    }

    @Override
    public void wished(Purchase purchase) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO follow_wishes (purchase_id, created_at) VALUES (:id, :now)")
                .bind("id", purchase.id()).bind("now", Instant.now()).execute());
        // A free checkout is confirmed before the wish is written: then it is acted on here.
        orders.byId(purchase.id()).filter(p -> p.status() == PurchaseStatus.CONFIRMED).ifPresent(this::confirmed);
    }

    @Override
    public void confirmed(Purchase purchase) {
        int taken = jdbi.withHandle(h -> h.createUpdate("DELETE FROM follow_wishes WHERE purchase_id = :id")
                .bind("id", purchase.id()).execute());
        if (taken == 1) {
            follows.artistById(purchase.artistId()).ifPresent(a -> follows.ask(a, purchase.email(), FollowSource.CHECKOUT));
        }
    }
}
