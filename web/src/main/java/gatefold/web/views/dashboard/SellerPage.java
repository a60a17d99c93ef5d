package gatefold.web.views.dashboard;

import java.util.List;

/**
 * Taxes and invoices: the seller profile form, the tax rates as CSV text (one
 * {@code country,rate,label} per line), the lines a paste could not use, and the tax report's
 * period (this quarter unless chosen).
 */
public record SellerPage(Nav nav, String legalName, String address, String taxId, String invoicePrefix, boolean invoices,
                         boolean pricesIncludeTax, boolean stripeAutomaticTax, String ratesCsv, List<String> problems,
                         String error, String notice, String reportFrom, String reportTo) {
}
