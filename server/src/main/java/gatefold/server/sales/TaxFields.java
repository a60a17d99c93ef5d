package gatefold.server.sales;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tax and invoice fields of a purchase's JSON. Each appears only when there is something
 * to show, so the JSON of an artist who charges no tax and issues no invoices is unchanged.
 */
public final class TaxFields {

    private TaxFields() {
    }

    public static void addTo(Map<String, Object> out, Purchase purchase, SaleDocuments documents) {
        addTo(out, purchase, documents.issued(purchase.id()));
    }

    public static void addTo(Map<String, Object> out, Purchase purchase, SaleDocuments.Issued issued) {
        purchase.tax().ifPresent(t -> out.put("tax", view(t)));
        issued.invoice().ifPresent(d -> out.put("invoice", d));
        issued.creditNote().ifPresent(d -> out.put("creditNote", d));
    }

    /** {@code {country, rate, label, net, tax}}; the total is the purchase's amount. */
    public static Map<String, Object> view(TaxSplit tax) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("country", tax.country());
        out.put("rate", tax.rate() == null ? null : tax.rateText());
        out.put("label", tax.label());
        out.put("net", tax.net().toWire());
        out.put("tax", tax.tax().toWire());
        return out;
    }
}
