package gatefold.server.sales;

import gatefold.server.common.Money;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How one artist charges tax, from their seller profile and tax rates. {@link #NONE} for an
 * artist who never set any of it up: then checkout asks for no country and splits nothing.
 *
 * @param stripeAutomatic Stripe Tax on the artist's own account decides the tax of card payments
 * @param invoices        every paid sale gets an invoice
 * @param rates           the artist's rates per buyer country; a country without one pays no tax
 */
public record TaxTerms(boolean pricesIncludeTax, boolean stripeAutomatic, boolean invoices, Map<String, TaxRate> rates) {

    public static final TaxTerms NONE = new TaxTerms(false, false, false, Map.of());

    public TaxTerms {
        rates = Map.copyOf(rates);
    }

    /** Where the terms come from (the seller profile); sales only reads them. */
    @FunctionalInterface
    public interface Source {
        TaxTerms of(String artistId);
    }

    /** The fan says where they live, so the server can split prices: the artist has rates. */
    public boolean asksCountry() {
        return !rates.isEmpty();
    }

    /** Stripe Tax, not the server, decides the tax of a payment with this provider. */
    public boolean stripeDecides(String provider) {
        return stripeAutomatic && "stripe".equals(provider);
    }

    /** The server's split of a price for a buyer in {@code country}, as the artist's prices are meant. */
    public TaxSplit split(Money price, String country) {
        TaxRate rate = rates.getOrDefault(country, TaxRate.none(country));
        return pricesIncludeTax ? TaxSplit.fromGross(price, rate) : TaxSplit.fromNet(price, rate);
    }

    /** The name of the tax for notes at checkout: the rates' shared label ("VAT"), else "tax". */
    public String label() {
        Set<String> labels = new TreeSet<>();
        rates.values().forEach(r -> labels.add(r.label()));
        return labels.size() == 1 ? labels.iterator().next() : "tax";
    }
}
