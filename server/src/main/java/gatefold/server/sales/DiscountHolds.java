package gatefold.server.sales;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A checkout holds one use of its discount code from the moment it starts: the use is spent
 * when the purchase is confirmed, and given back when it fails, expires or is cancelled.
 * {@code discount_codes.uses} counts held and spent uses alike, so the guarded increment
 * ({@link DiscountCodes#takeUse}) alone decides who gets the last one, on any number of instances. Every call
 * runs in the caller's transaction, beside the purchase's own change.
 */
final class DiscountHolds {

    private DiscountHolds() {
    }

    /** Holds one use of the code for the purchase; false when none is left. */
    static boolean hold(Handle h, String artistId, String code, String purchaseId, Instant now) {
        Optional<String> discount = h.createQuery("SELECT id FROM discount_codes WHERE artist_id = :a AND code = :c")
                .bind("a", artistId).bind("c", code).mapTo(String.class).findOne();
        if (discount.isEmpty()) {
            return false;
        }
        if (!DiscountCodes.takeUse(h, discount.get())) {
            return false;
        }
        h.createUpdate("INSERT INTO discount_holds (purchase_id, discount_id, held_at) VALUES (:p, :d, :now)")
                .bind("p", purchaseId).bind("d", discount.get()).bind("now", now).execute();
        return true;
    }

    /** The purchase was paid: its use is spent for good. */
    static void spend(Handle h, String purchaseId) {
        h.createUpdate("DELETE FROM discount_holds WHERE purchase_id = :p").bind("p", purchaseId).execute();
    }

    /** The purchase ended without a sale: its use goes back, once however often this is called. */
    static void giveBack(Handle h, String purchaseId) {
        Optional<String> discount = h.createQuery("SELECT discount_id FROM discount_holds WHERE purchase_id = :p")
                .bind("p", purchaseId).mapTo(String.class).findOne();
        if (discount.isPresent()
                && h.createUpdate("DELETE FROM discount_holds WHERE purchase_id = :p").bind("p", purchaseId).execute() == 1) {
            DiscountCodes.giveUseBack(h, discount.get());
        }
    }
}
