package gatefold.server.invoices;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Gapless document numbers per artist and year: PREFIX-2026-00001 for invoices and
 * PREFIX-CN-2026-00001 for credit notes, a series each.
 *
 * <p>Called inside the transaction that confirms (or refunds) a purchase: the artist's counter
 * row is locked with {@code SELECT ... FOR UPDATE}, so on any number of instances the next
 * transaction waits until this one commits and then reads its number. A rollback (the
 * confirmation lost a race, the database failed) gives the number back with everything else;
 * a checkout that is never confirmed never asks for one.
 */
final class InvoiceNumbers {

    /** The two series, each its own counter and its own part in the number. */
    enum Series {
        INVOICE("invoice", ""),
        CREDIT_NOTE("credit_note", "CN-");

        final String kind;
        final String infix;

        Series(String kind, String infix) {
            this.kind = kind;
            this.infix = infix;
        }
    }

    /** A number taken: the year it counts in, its place in the year, the text, and the issue time. */
    record Taken(int year, int seq, String number, Instant issuedAt) {
    }

    private record Counter(int year, int last, Instant lastIssuedAt) {
    }

    private InvoiceNumbers() {
    }

    /** Makes the artist's counter for a series (once, when invoices are turned on). */
    static void create(Handle h, String artistId, Series series) {
        boolean exists = h.createQuery("SELECT COUNT(*) FROM invoice_counters WHERE artist_id = :a AND series = :s")
                .bind("a", artistId).bind("s", series.kind).mapTo(Integer.class).one() > 0;
        if (!exists) {
            h.createUpdate("""
                    INSERT INTO invoice_counters (artist_id, series, counter_year, last_number, last_issued_at)
                    VALUES (:a, :s, :y, 0, NULL)""")
                    .bind("a", artistId).bind("s", series.kind).bind("y", Instant.now().atOffset(ZoneOffset.UTC).getYear())
                    .execute();
        }
    }

    /**
     * The next number, on the caller's transaction. The issue time never goes back within a
     * series (instances' clocks differ a little), so numbers and dates rise together.
     */
    static Taken next(Handle h, String artistId, Series series, String prefix, Instant now) {
        Counter counter = lock(h, artistId, series).orElseGet(() -> {
            create(h, artistId, series);
            return lock(h, artistId, series).orElseThrow();
        });
        Instant issuedAt = counter.lastIssuedAt() != null && counter.lastIssuedAt().isAfter(now) ? counter.lastIssuedAt() : now;
        int year = issuedAt.atOffset(ZoneOffset.UTC).getYear();
        int seq = year == counter.year() ? counter.last() + 1 : 1;
        h.createUpdate("""
                UPDATE invoice_counters SET counter_year = :y, last_number = :n, last_issued_at = :at
                WHERE artist_id = :a AND series = :s""")
                .bind("y", year).bind("n", seq).bind("at", issuedAt).bind("a", artistId).bind("s", series.kind).execute();
        return new Taken(year, seq, format(prefix, series, year, seq), issuedAt);
    }

    private static Optional<Counter> lock(Handle h, String artistId, Series series) {
        return h.createQuery("""
                        SELECT counter_year, last_number, last_issued_at FROM invoice_counters
                        WHERE artist_id = :a AND series = :s FOR UPDATE""")
                .bind("a", artistId).bind("s", series.kind)
                .map((rs, ctx) -> new Counter(rs.getInt("counter_year"), rs.getInt("last_number"),
                        rs.getTimestamp("last_issued_at") == null ? null : rs.getTimestamp("last_issued_at").toInstant()))
                .findOne();
    }

    /** PREFIX-2026-00001, or PREFIX-CN-2026-00001; more digits once a year passes 99,999. */
    static String format(String prefix, Series series, int year, int seq) {
        return prefix + "-" + series.infix + year + "-" + String.format("%05d", seq);
    }
}
