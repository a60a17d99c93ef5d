package gatefold.server.invoices;

import gatefold.server.security.SecretBox;
import java.net.URI;
import org.jdbi.v3.core.Jdbi;

/** The artist as seller of record: seller profile, tax rates, invoices and credit notes, the tax report. */
public record InvoiceServices(SellerProfiles profiles, TaxRates rates, Invoices invoices, TaxReport report) {

    public static InvoiceServices build(Jdbi jdbi, SecretBox secrets, URI publicUrl) {
        TaxRates rates = new TaxRates(jdbi);
        return new InvoiceServices(new SellerProfiles(jdbi, rates), rates, new Invoices(jdbi, secrets, publicUrl), new TaxReport(jdbi));
    }
}
