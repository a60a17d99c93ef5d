package gatefold.server.catalog;

import gatefold.server.common.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;

/**
 * A release as stored: an album, EP or single, a book, a film, or anything else an artist
 * sells. Changed copies are made with {@link #edit()}, so a new field is added here and in
 * {@link Builder} only.
 *
 * @param formats the format ids fans are offered, comma-separated; null for every one the masters allow
 */
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
        ReleaseStatus status,
        String licence,
        String credits,
        Integer downloadLimit,
        String formats,
        String genre,
        Instant createdAt,
        Instant updatedAt) {

    public Optional<Money> price() {
        return Optional.ofNullable(priceMinor).map(m -> new Money(m, Currency.getInstance(currency)));
    }

    public Optional<Money> minPrice() {
        return Optional.ofNullable(minPriceMinor).map(m -> new Money(m, Currency.getInstance(currency)));
    }

    /** Whether fans can open its page and buy it (published or unlisted). */
    public boolean isOut() {
        return status.isOut();
    }

    public boolean isPublished() {
        return status == ReleaseStatus.PUBLISHED;
    }

    /** Whether a sale on {@code today} (UTC) is a pre-order: its release date is still ahead. */
    public boolean isPreorderOn(LocalDate today) {
        return releaseDate != null && releaseDate.isAfter(today);
    }

    /** A new draft with today's defaults: free, no price, all rights reserved. */
    public static Builder draft(String id, String artistId, String currency, Instant now) {
        return new Builder(new Release(id, artistId, "", "", "other", "", null, "free", currency, null, null, ReleaseStatus.DRAFT,
                "all-rights-reserved", "", null, null, null, now, now));
    }

    /** A copy to change field by field. */
    public Builder edit() {
        return new Builder(this);
    }

    /** Changes to a release; {@link #build} makes the new record. */
    public static final class Builder {
        private String id;
        private String artistId;
        private String slug;
        private String title;
        private String kind;
        private String description;
        private LocalDate releaseDate;
        private String pricing;
        private String currency;
        private Long priceMinor;
        private Long minPriceMinor;
        private ReleaseStatus status;
        private String licence;
        private String credits;
        private Integer downloadLimit;
        private String formats;
        private String genre;
        private Instant createdAt;
        private Instant updatedAt;

        private Builder(Release r) {
            id = r.id;
            artistId = r.artistId;
            slug = r.slug;
            title = r.title;
            kind = r.kind;
            description = r.description;
            releaseDate = r.releaseDate;
            pricing = r.pricing;
            currency = r.currency;
            priceMinor = r.priceMinor;
            minPriceMinor = r.minPriceMinor;
            status = r.status;
            licence = r.licence;
            credits = r.credits;
            downloadLimit = r.downloadLimit;
            formats = r.formats;
            genre = r.genre;
            createdAt = r.createdAt;
            updatedAt = r.updatedAt;
        }

        public Builder slug(String value) {
            slug = value;
            return this;
        }

        public Builder title(String value) {
            title = value;
            return this;
        }

        public Builder kind(String value) {
            kind = value;
            return this;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder releaseDate(LocalDate value) {
            releaseDate = value;
            return this;
        }

        /** Pricing and its amounts go together: a fixed price, a pay-what-you-want minimum, or free. */
        public Builder price(String pricingValue, String currencyCode, Long price, Long minPrice) {
            pricing = pricingValue;
            currency = currencyCode;
            priceMinor = price;
            minPriceMinor = minPrice;
            return this;
        }

        public Builder status(ReleaseStatus value) {
            status = value;
            return this;
        }

        public Builder licence(String value) {
            licence = value;
            return this;
        }

        public Builder credits(String value) {
            credits = value;
            return this;
        }

        public Builder downloadLimit(Integer value) {
            downloadLimit = value;
            return this;
        }

        public Builder formats(String value) {
            formats = value;
            return this;
        }

        public Builder genre(String value) {
            genre = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        public Release build() {
            return new Release(id, artistId, slug, title, kind, description, releaseDate, pricing, currency, priceMinor,
                    minPriceMinor, status, licence, credits, downloadLimit, formats, genre, createdAt, updatedAt);
        }
    }
}
