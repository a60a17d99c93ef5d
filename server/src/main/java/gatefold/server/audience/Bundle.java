package gatefold.server.audience;

import gatefold.server.common.Money;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

/**
 * Releases of one artist sold together at one price. With {@code includesFuture} it is the
 * whole discography: each release published later joins it, and everyone who bought it gets that release too.
 */
public record Bundle(String id, String artistId, String title, String currency, long priceMinor, Long minPriceMinor,
                     boolean includesFuture, Instant createdAt) {

    public Money price() {
        return new Money(priceMinor, Currency.getInstance(currency));
    }

    /** The least a buyer who owns part of it pays (never below this); empty means no floor. */
    public Optional<Money> minPrice() {
        return Optional.ofNullable(minPriceMinor).map(m -> new Money(m, Currency.getInstance(currency)));
    }
}
