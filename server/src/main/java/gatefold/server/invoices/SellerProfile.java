package gatefold.server.invoices;

import gatefold.server.common.Refusal;
import gatefold.server.sales.Buyer;

/**
 * Who sells, as invoices name them, and how they charge tax. {@link #EMPTY} until the artist
 * fills it in: then no invoices are issued and nothing of taxes shows anywhere.
 *
 * @param address            postal address, several lines
 * @param invoicePrefix      letters, digits and inner dashes, at most 12 (invoice numbers read PREFIX-YEAR-00001)
 * @param invoices           every paid sale gets an invoice, every refund of one a credit note
 * @param pricesIncludeTax   prices are gross (tax taken out of them) rather than net (tax added on top)
 * @param stripeAutomaticTax card payments use Stripe Tax on the artist's own Stripe account
 */
public record SellerProfile(String legalName, String address, String taxId, String invoicePrefix, boolean invoices,
                            boolean pricesIncludeTax, boolean stripeAutomaticTax) {

    public static final String DEFAULT_PREFIX = "INV";
    /** Prices include tax unless the artist says otherwise: what a fan sees is what they pay, as EU consumer prices must be. */
    public static final SellerProfile EMPTY = new SellerProfile("", "", "", DEFAULT_PREFIX, false, true, false);

    public SellerProfile {
        legalName = line(legalName, "legalName", 200);
        address = Buyer.address(address);
        taxId = line(taxId, "taxId", 40);
        String prefix = invoicePrefix == null || invoicePrefix.isBlank() ? DEFAULT_PREFIX : invoicePrefix.strip();
        if (!prefix.matches("[A-Za-z0-9](?:[A-Za-z0-9-]{0,10}[A-Za-z0-9])?")) {
            throw Refusal.invalid("'invoicePrefix' is 1 to 12 letters, digits and dashes, such as INV or GF-SHOP.");
        }
        invoicePrefix = prefix;
        if (invoices && (legalName.isEmpty() || address.isEmpty())) {
            throw Refusal.invalid("Invoices need your 'legalName' and 'address'.");
        }
    }

    private static String line(String value, String field, int max) {
        String text = value == null ? "" : value.strip();
        if (text.length() > max || text.chars().anyMatch(Character::isISOControl)) {
            throw Refusal.invalid("'" + field + "' is one line of at most " + max + " characters.");
        }
        return text;
    }
}
