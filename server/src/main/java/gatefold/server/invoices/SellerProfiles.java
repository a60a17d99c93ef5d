package gatefold.server.invoices;

import gatefold.server.db.Sql;
import gatefold.server.sales.TaxRate;
import gatefold.server.sales.TaxTerms;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Each artist's seller profile, and the tax terms sales reads from it and from their rates. */
public final class SellerProfiles implements TaxTerms.Source {

    private final Jdbi jdbi;
    private final TaxRates rates;

    public SellerProfiles(Jdbi jdbi, TaxRates rates) {
        this.jdbi = jdbi;
        this.rates = rates;
    }

    public SellerProfile get(String artistId) {
        return jdbi.withHandle(h -> get(h, artistId));
    }

    /** On a caller's handle: invoices are issued inside the transaction that confirms a sale. */
    static SellerProfile get(Handle h, String artistId) {
        Optional<SellerProfile> found = h.createQuery("SELECT * FROM seller_profiles WHERE artist_id = :a").bind("a", artistId)
                .map((rs, ctx) -> new SellerProfile(rs.getString("legal_name"), rs.getString("address"), rs.getString("tax_id"),
                        rs.getString("invoice_prefix"), rs.getBoolean("invoices"), rs.getBoolean("prices_include_tax"),
                        rs.getBoolean("stripe_automatic_tax")))
                .findOne();
        return found.orElse(SellerProfile.EMPTY);
    }

    /** Replaces the profile; turning invoices on makes the artist's counters, so no sale has to. */
    public SellerProfile save(String artistId, SellerProfile profile) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM seller_profiles WHERE artist_id = :a").bind("a", artistId).execute();
            h.createUpdate("""
                    INSERT INTO seller_profiles (artist_id, legal_name, address, tax_id, invoice_prefix, invoices,
                        prices_include_tax, stripe_automatic_tax, updated_at)
                    VALUES (:a, :name, :address, :taxId, :prefix, :invoices, :inclusive, :stripe, :now)""")
                    .bind("a", artistId).bind("name", profile.legalName()).bind("address", profile.address())
                    .bind("taxId", profile.taxId()).bind("prefix", profile.invoicePrefix()).bind("invoices", profile.invoices())
                    .bind("inclusive", profile.pricesIncludeTax()).bind("stripe", profile.stripeAutomaticTax())
                    .bind("now", Instant.now()).execute();
        });
        if (profile.invoices()) {
            for (InvoiceNumbers.Series series : InvoiceNumbers.Series.values()) {
                ensureCounter(artistId, series);
            }
        }
        return get(artistId);
    }

    /** A counter row, made once; two saves racing to make it leave one. */
    private void ensureCounter(String artistId, InvoiceNumbers.Series series) {
        try {
            jdbi.useHandle(h -> InvoiceNumbers.create(h, artistId, series));
        } catch (RuntimeException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    @Override
    public TaxTerms of(String artistId) {
        SellerProfile profile = get(artistId);
        Map<String, TaxRate> byCountry = new LinkedHashMap<>();
        rates.list(artistId).forEach(r -> byCountry.put(r.country(), r));
        if (profile.equals(SellerProfile.EMPTY) && byCountry.isEmpty()) {
            return TaxTerms.NONE;
        }
        return new TaxTerms(profile.pricesIncludeTax(), profile.stripeAutomaticTax(), profile.invoices(), byCountry);
    }

    /** The JSON shape of {@code GET/PUT /api/me/seller}. */
    public static Map<String, Object> view(SellerProfile p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("legalName", p.legalName());
        out.put("address", p.address());
        out.put("taxId", p.taxId());
        out.put("invoicePrefix", p.invoicePrefix());
        out.put("invoices", p.invoices());
        out.put("pricesIncludeTax", p.pricesIncludeTax());
        out.put("stripeAutomaticTax", p.stripeAutomaticTax());
        return out;
    }
}
