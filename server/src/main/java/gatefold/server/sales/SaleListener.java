package gatefold.server.sales;

/** Told after a purchase changes state for good: receipts by email, the artist's seller webhooks. */
public interface SaleListener {

    void confirmed(Purchase purchase);

    default void refunded(Purchase purchase) {
    }

    default void disputed(Purchase purchase) {
    }
}
