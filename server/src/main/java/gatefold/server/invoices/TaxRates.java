package gatefold.server.invoices;

import gatefold.server.common.Refusal;
import gatefold.server.sales.TaxRate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** The artist's tax rates per buyer country, replaced as a whole (by the API, the dashboard or a CSV file). */
public final class TaxRates {

    /** More rows than there are countries means something else was pasted. */
    static final int MAX_RATES = 300;
    private final Jdbi jdbi;

    public TaxRates(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<TaxRate> list(String artistId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT country, rate, label FROM tax_rates WHERE artist_id = :a ORDER BY country")
                .bind("a", artistId)
                .map((rs, ctx) -> new TaxRate(rs.getString("country"), rs.getBigDecimal("rate"), rs.getString("label")))
                .list());
    }

    /** What a CSV import did: the rates now in force, or what was wrong (and then nothing changed). */
    public record Imported(List<TaxRate> rates, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Replaces every rate with the file's (see {@link RateCsv}), or with a bad line changes nothing. */
    public Imported importCsv(String artistId, String csv) {
        RateCsv.Parsed parsed = RateCsv.parse(csv);
        if (!parsed.problems().isEmpty()) {
            return new Imported(list(artistId), parsed.problems());
        }
        return new Imported(replace(artistId, parsed.rates()), List.of());
    }

    /** The rates as a CSV file, as {@link #importCsv} takes them back. */
    public static String csv(List<TaxRate> rates) {
        StringBuilder out = new StringBuilder("country,rate,label\n");
        rates.forEach(r -> out.append(r.country()).append(',').append(r.percentText()).append(',')
                .append(r.label().contains(",") || r.label().contains("\"") ? "\"" + r.label().replace("\"", "\"\"") + "\"" : r.label())
                .append('\n'));
        return out.toString();
    }

    /** Replaces every rate; a country named twice is refused. */
    public List<TaxRate> replace(String artistId, List<TaxRate> rates) {
        if (rates.size() > MAX_RATES) {
            throw Refusal.invalid("At most " + MAX_RATES + " tax rates.");
        }
        Set<String> seen = new HashSet<>();
        for (TaxRate rate : rates) {
            if (!seen.add(rate.country())) {
                throw Refusal.invalid(rate.country() + " has more than one rate; give each country one.");
            }
        }
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM tax_rates WHERE artist_id = :a").bind("a", artistId).execute();
            var batch = h.prepareBatch("INSERT INTO tax_rates (artist_id, country, rate, label) VALUES (:a, :c, :r, :l)");
            for (TaxRate rate : rates) {
                batch.bind("a", artistId).bind("c", rate.country()).bind("r", rate.percent()).bind("l", rate.label()).add();
            }
            if (!rates.isEmpty()) {
                batch.execute();
            }
        });
        return list(artistId);
    }
}
