package gatefold.server.sales;

import gatefold.server.common.Money;
import java.util.Optional;

/** Discount codes as checkout sees them: what a code takes off a price. Uses are held by {@link DiscountHolds}. */
public interface Discounts {

    /** The discounted price, or empty when the code does not exist, does not apply to this release, or has ended. */
    Optional<Money> apply(String artistId, String releaseId, String code, Money listPrice);
}
