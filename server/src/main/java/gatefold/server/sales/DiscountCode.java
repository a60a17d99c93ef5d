package gatefold.server.sales;

import gatefold.server.common.Money;
import java.time.Instant;
import java.util.Currency;

/** Percent or fixed amount off one release or all of an artist's, within a window and a number of uses. */
public record DiscountCode(String id, String artistId, String releaseId, String code, Integer percentOff, Long amountOff,
                           String currency, Instant startsAt, Instant endsAt, Integer maxUses, int uses, Instant createdAt) {

    boolean appliesTo(String releaseId, Instant now) {
        return (this.releaseId == null || this.releaseId.equals(releaseId))
                && (startsAt == null || !now.isBefore(startsAt))
                && (endsAt == null || now.isBefore(endsAt))
                && (maxUses == null || uses < maxUses);
    }

    /** The price after the discount, never below zero; a fixed amount applies only in its own currency. */
    Money discount(Money list) {
        if (percentOff != null) {
            long off = Math.round(list.minor() * (percentOff / 100.0));
            return new Money(Math.max(0, list.minor() - off), list.currency());
        }
        if (!Currency.getInstance(currency).equals(list.currency())) {
            return list;
        }
        return new Money(Math.max(0, list.minor() - amountOff), list.currency());
    }
}
