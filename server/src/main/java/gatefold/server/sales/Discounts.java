package gatefold.server.sales;

import gatefold.server.common.Money;
import java.util.Optional;

/** Discount codes as checkout sees them: what a code takes off a price, and claiming one use of it. */
public interface Discounts {

    /** The discounted price, or empty when the code does not exist, does not apply to this release, or has ended. */
    Optional<Money> apply(String artistId, String releaseId, String code, Money listPrice);

    /** Spends one use at confirmation; false when the last use went to someone else first. */
    boolean claimUse(String artistId, String code);
}
