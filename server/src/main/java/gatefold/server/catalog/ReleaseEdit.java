package gatefold.server.catalog;

import gatefold.server.common.Fields;
import gatefold.server.accounts.Artist;
import gatefold.server.accounts.Slugs;
import gatefold.server.common.Money;
import gatefold.server.common.MoneyField;
import gatefold.server.common.Refusal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a create or PATCH body to a release: only the fields the body names change,
 * and the result is checked as a whole (a fixed price needs a price, prices share one
 * currency, pay-what-you-want never suggests less than its minimum).
 */
final class ReleaseEdit {

    static final Set<String> FIELDS = Set.of("title", "slug", "kind", "description", "releaseDate", "pricing", "price",
            "minPrice", "currency", "status", "licence", "credits", "trackOrder", "downloadLimit", "formats", "genre");
    /** The format ids fans may be offered (fixed in the API; {@code media.AudioFormat} makes them). */
    static final java.util.List<String> FORMAT_IDS = java.util.List.of("original", "mp3-v0", "mp3-320", "aac", "vorbis", "opus",
            "flac", "alac", "wav", "aiff");
    static final Set<String> KINDS = Set.of("music", "book", "film", "other");
    static final Set<String> PRICINGS = Set.of("fixed", "pwyw", "free");
    static final Set<String> LICENCES = Set.of("all-rights-reserved", "cc0", "cc-by", "cc-by-sa", "cc-by-nd", "cc-by-nc",
            "cc-by-nc-sa", "cc-by-nc-nd");

    private ReleaseEdit() {
    }

    static Release apply(Release base, Fields body, Artist artist) {
        String title = body.has("title") ? cleanTitle(body.requiredString("title", 300)) : base.title();
        String kind = body.has("kind") ? oneOf(body.requiredString("kind", 20), KINDS, "kind") : base.kind();
        String pricing = body.has("pricing") ? oneOf(body.requiredString("pricing", 20), PRICINGS, "pricing") : base.pricing();
        ReleaseStatus status = body.has("status") ? body.requiredNamed("status", ReleaseStatus.class) : base.status();
        String licence = body.has("licence") ? oneOf(body.requiredString("licence", 40), LICENCES, "licence") : base.licence();
        String description = body.has("description") ? body.string("description", 20000).orElse("") : base.description();
        String credits = body.has("credits") ? body.string("credits", 8000).orElse("") : base.credits();
        LocalDate date = body.has("releaseDate") ? body.string("releaseDate", 10).map(ReleaseEdit::date).orElse(null) : base.releaseDate();
        Integer downloadLimit = body.has("downloadLimit")
                ? body.integer("downloadLimit", 1, 1_000_000).map(Long::intValue).orElse(null) : base.downloadLimit();
        String slug = base.slug();
        if (body.has("slug")) {
            slug = body.requiredString("slug", Slugs.MAX_LENGTH);
            if (!Slugs.isValid(slug)) {
                throw Refusal.invalid("'slug' may hold lowercase letters, digits and single dashes, up to 60 characters.");
            }
        }

        Prices prices = prices(base, body, artist, pricing);
        String genre = body.has("genre") ? body.string("genre", 100).map(String::strip).filter(g -> !g.isEmpty()).orElse(null)
                : base.genre();
        String formats = body.has("formats") ? formatList(body) : base.formats();
        return base.edit().slug(slug).title(title).kind(kind).description(description).releaseDate(date)
                .price(pricing, prices.currency().getCurrencyCode(), prices.price().map(Money::minor).orElse(null),
                        prices.minPrice().map(Money::minor).orElse(null))
                .status(status).licence(licence).credits(credits).downloadLimit(downloadLimit).genre(genre).formats(formats)
                .updatedAt(Instant.now()).build();
    }

    /** The prices after the change, in one currency, as the pricing asks: a fixed price above zero, a suggestion not below the minimum. */
    private record Prices(Currency currency, Optional<Money> price, Optional<Money> minPrice) {
    }

    private static Prices prices(Release base, Fields body, Artist artist, String pricing) {
        Currency currency = body.has("currency") ? Money.currency(body.requiredString("currency", 3))
                : Currency.getInstance(base.currency() != null ? base.currency() : artist.defaultCurrency());
        Optional<Money> price = body.has("price") ? money(body, "price", currency) : base.price();
        Optional<Money> minPrice = body.has("minPrice") ? money(body, "minPrice", currency) : base.minPrice();
        if (body.has("currency") && !body.has("price") && !body.has("minPrice")) {
            // A new currency alone re-labels the existing amounts.
            price = price.map(p -> new Money(p.minor(), currency));
            minPrice = minPrice.map(p -> new Money(p.minor(), currency));
        }
        Currency finalCurrency = price.isPresent() ? price.get().currency()
                : minPrice.isPresent() ? minPrice.get().currency() : currency;
        if (price.isPresent() && minPrice.isPresent() && !price.get().currency().equals(minPrice.get().currency())) {
            throw Refusal.invalid("'price' and 'minPrice' must be in the same currency.");
        }
        switch (pricing) {
            case "fixed" -> {
                if (price.isEmpty() || price.get().isZero()) {
                    throw Refusal.invalid("A fixed-price release needs a 'price' above zero; use pricing 'free' for free releases.");
                }
                minPrice = Optional.empty();
            }
            case "pwyw" -> {
                if (minPrice.isEmpty()) {
                    minPrice = Optional.of(Money.zero(finalCurrency));
                }
                if (price.isPresent() && price.get().lessThan(minPrice.get())) {
                    throw Refusal.invalid("The suggested 'price' cannot be below 'minPrice'.");
                }
            }
            default -> {
                price = Optional.empty();
                minPrice = Optional.empty();
            }
        }
        return new Prices(finalCurrency, price, minPrice);
    }

    /** The formats fans are offered, as ids; null (or omitted) for every one the masters allow. */
    private static String formatList(Fields body) {
        Optional<java.util.List<String>> ids = body.strings("formats", 20, 20);
        if (ids.isEmpty()) {
            return null;
        }
        if (ids.get().isEmpty()) {
            throw Refusal.invalid("'formats' must name at least one format, or be null for every format the masters allow.");
        }
        java.util.List<String> unknown = ids.get().stream().filter(id -> !FORMAT_IDS.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw Refusal.invalid("Unknown format " + unknown + "; the formats are " + FORMAT_IDS + ".");
        }
        return String.join(",", new java.util.LinkedHashSet<>(ids.get()));
    }

    private static Optional<Money> money(Fields body, String field, Currency fallback) {
        return body.raw(field).map(node -> MoneyField.parse(node, fallback, field));
    }

    private static String cleanTitle(String title) {
        String t = title.strip();
        if (t.isEmpty() || t.chars().anyMatch(Character::isISOControl)) {
            throw Refusal.invalid("'title' must not be empty or hold control characters.");
        }
        return t;
    }

    private static String oneOf(String value, Set<String> allowed, String field) {
        if (!allowed.contains(value)) {
            throw Refusal.invalid("'" + field + "' must be one of " + allowed.stream().sorted().toList() + ".");
        }
        return value;
    }

    private static LocalDate date(String raw) {
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw Refusal.invalid("'releaseDate' must be a date like 2026-11-28.");
        }
    }
}
