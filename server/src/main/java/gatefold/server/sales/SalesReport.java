package gatefold.server.sales;

import gatefold.server.accounts.Artist;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.common.Money;
import gatefold.server.common.Refusal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The artist's view of their sales: filtered lists, totals per currency and per release, CSV. */
public final class SalesReport {

    static final Set<String> STATUSES = Set.of("pending", "confirmed", "refunded", "disputed", "revoked", "failed", "expired");
    private final Sales sales;
    private final Catalog catalog;

    public SalesReport(Sales sales, Catalog catalog) {
        this.sales = sales;
        this.catalog = catalog;
    }

    public record Filter(Optional<String> releaseId, Optional<String> status, Optional<Instant> from, Optional<Instant> to,
                         Optional<String> email) {

        public static Filter of(Map<String, List<String>> query) {
            Optional<String> status = one(query, "status");
            status.ifPresent(s -> {
                if (!STATUSES.contains(s)) {
                    throw Refusal.invalid("'status' must be one of " + STATUSES.stream().sorted().toList() + ".");
                }
            });
            return new Filter(one(query, "release"), status, one(query, "from").map(Filter::instant),
                    one(query, "to").map(Filter::instant), one(query, "email").map(e -> e.strip().toLowerCase(java.util.Locale.ROOT)));
        }

        private static Optional<String> one(Map<String, List<String>> query, String name) {
            List<String> values = query.get(name);
            return values == null || values.isEmpty() || values.get(0).isBlank() ? Optional.empty() : Optional.of(values.get(0));
        }

        private static Instant instant(String raw) {
            try {
                return raw.length() == 10 ? Instant.parse(raw + "T00:00:00Z") : Instant.parse(raw);
            } catch (DateTimeParseException e) {
                throw Refusal.invalid("Dates must look like 2026-11-28 or 2026-11-28T12:00:00Z.");
            }
        }

        boolean matches(Purchase p) {
            return status.map(p.status().id()::equals).orElse(true)
                    && from.map(f -> !p.createdAt().isBefore(f)).orElse(true)
                    && to.map(t -> p.createdAt().isBefore(t)).orElse(true)
                    && email.map(p.email()::equals).orElse(true);
        }
    }

    public List<Purchase> purchases(Artist artist, Filter filter) {
        return sales.purchases(artist, filter.releaseId()).stream().filter(filter::matches).toList();
    }

    /** Confirmed sales summed per currency and per release (amounts never mix currencies). */
    public Map<String, Object> totals(Artist artist, Filter filter) {
        Map<String, long[]> perCurrency = new TreeMap<>();
        Map<String, long[]> perRelease = new LinkedHashMap<>();
        for (Purchase p : purchases(artist, filter)) {
            if (p.status() != PurchaseStatus.CONFIRMED) {
                continue;
            }
            add(perCurrency.computeIfAbsent(p.currency(), c -> new long[2]), p.amountMinor());
            add(perRelease.computeIfAbsent(p.releaseId() + "|" + p.currency(), k -> new long[2]), p.amountMinor());
        }
        List<Map<String, Object>> currencies = new ArrayList<>();
        perCurrency.forEach((currency, sum) -> currencies.add(Map.of("currency", currency,
                "total", new Money(sum[0], Currency.getInstance(currency)).toWire(), "sales", sum[1])));
        List<Map<String, Object>> releases = new ArrayList<>();
        perRelease.forEach((key, sum) -> {
            String[] parts = key.split("\\|");
            String title = catalog.release(parts[0]).map(Release::title).orElse("");
            releases.add(Map.of("releaseId", parts[0], "title", title,
                    "total", new Money(sum[0], Currency.getInstance(parts[1])).toWire(), "sales", sum[1]));
        });
        return Map.of("perCurrency", currencies, "perRelease", releases);
    }

    private static void add(long[] sum, long amount) {
        sum[0] += amount;
        sum[1]++;
    }

    public String csv(Artist artist, Filter filter) {
        StringBuilder out = new StringBuilder("id,created_at,release_id,release_title,email,amount,currency,status,source,provider,discount_code\r\n");
        Map<String, String> titles = new java.util.HashMap<>();
        for (Purchase p : purchases(artist, filter)) {
            String title = titles.computeIfAbsent(p.releaseId(), id -> catalog.release(id).map(Release::title).orElse(""));
            out.append(String.join(",", cell(p.id()), cell(p.createdAt().toString()), cell(p.releaseId()), cell(title),
                    cell(p.email()), cell(p.amount().amount()), cell(p.currency()), cell(p.status().id()), cell(p.source()),
                    cell(p.provider()), cell(p.discountCode()))).append("\r\n");
        }
        return out.toString();
    }

    /** RFC 4180 quoting, and a leading quote for cells a spreadsheet would run as a formula. */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
