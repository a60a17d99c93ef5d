package gatefold.server.catalog;

import gatefold.server.common.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;

/** A release as stored: an album, EP or single, a book, a film, or anything else an artist sells. */
public record Release(
        String id,
        String artistId,
        String slug,
        String title,
        String kind,
        String description,
        LocalDate releaseDate,
        String pricing,
        String currency,
        Long priceMinor,
        Long minPriceMinor,
        String status,
        String licence,
        String credits,
        Integer downloadLimit,
        Instant createdAt,
        Instant updatedAt) {

    public Optional<Money> price() {
        return Optional.ofNullable(priceMinor).map(m -> new Money(m, Currency.getInstance(currency)));
    }

    public Optional<Money> minPrice() {
        return Optional.ofNullable(minPriceMinor).map(m -> new Money(m, Currency.getInstance(currency)));
    }

    public boolean isPublished() {
        return status.equals("published");
    }
}
