package gatefold.server.invoices;

import gatefold.server.common.Money;
import gatefold.server.sales.Buyer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything printed on one invoice or credit note, as plain text. Two sheets that are equal
 * print to the same bytes, which is what makes the PDF the same every time it is made.
 *
 * @param documentId the document's own id: the PDF's permanent identifier comes from it
 * @param taxLine    "VAT 19 % (DE)"; "Tax" when none was charged
 */
record InvoiceSheet(String documentId, boolean creditNote, String number, String corrects, LocalDate date,
                    List<String> seller, List<String> buyer, String item, String currency, String net, String tax,
                    String total, String taxLine) {

    static InvoiceSheet of(Invoice invoice, Buyer buyer) {
        List<String> seller = new ArrayList<>();
        seller.add(invoice.sellerName());
        seller.addAll(lines(invoice.sellerAddress()));
        if (!invoice.sellerTaxId().isEmpty()) {
            seller.add("VAT id: " + invoice.sellerTaxId());
        }
        List<String> to = new ArrayList<>();
        if (!buyer.name().isEmpty()) {
            to.add(buyer.name());
        }
        to.addAll(lines(buyer.address()));
        if (!buyer.taxId().isEmpty()) {
            to.add("VAT id: " + buyer.taxId());
        }
        to.add(invoice.buyerEmail());
        boolean credit = invoice.isCreditNote();
        String rate = invoice.taxRate() == null ? "" : " " + invoice.taxRate().stripTrailingZeros().toPlainString() + " %";
        String where = invoice.taxCountry() == null ? "" : " (" + invoice.taxCountry() + ")";
        String label = invoice.taxLabel() == null ? "Tax" : invoice.taxLabel();
        return new InvoiceSheet(invoice.id(), credit, invoice.docNumber(), invoice.corrects(),
                invoice.issuedAt().atOffset(ZoneOffset.UTC).toLocalDate(), List.copyOf(seller), List.copyOf(to), invoice.item(),
                invoice.currency(), signed(invoice.net(), credit), signed(invoice.tax(), credit), signed(invoice.total(), credit),
                label + rate + where);
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    /** A credit note takes the money back: its amounts print negative. */
    private static String signed(Money money, boolean negative) {
        return (negative && !money.isZero() ? "-" : "") + money.amount();
    }

    String title() {
        return creditNote ? "Credit note" : "Invoice";
    }
}
