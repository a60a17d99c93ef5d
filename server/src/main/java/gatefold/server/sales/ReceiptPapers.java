package gatefold.server.sales;

import gatefold.web.views.store.Link;
import gatefold.web.views.store.ReceiptPage;
import java.util.ArrayList;
import java.util.List;

/** What a receipt page shows of tax and invoices: the tax in the price, the documents, and the business buyer's form. */
public final class ReceiptPapers {

    private ReceiptPapers() {
    }

    static ReceiptPage addTo(ReceiptPage page, Purchase purchase, SaleDocuments documents, String buyerAction, boolean saved) {
        SaleDocuments.Issued issued = documents.issued(purchase.id());
        List<Link> links = new ArrayList<>();
        issued.invoice().ifPresent(d -> links.add(new Link(d.url(), "Invoice " + d.number() + " (PDF)")));
        issued.creditNote().ifPresent(d -> links.add(new Link(d.url(), "Credit note " + d.number() + " (PDF)")));
        ReceiptPage.BuyerForm form = null;
        if (issued.invoice().isPresent()) {
            Buyer buyer = documents.buyer(purchase.id()).orElse(Buyer.NONE);
            form = new ReceiptPage.BuyerForm(buyerAction, buyer.name(), buyer.address(), buyer.taxId(),
                    saved ? "Saved: your invoice now shows these details." : null);
        }
        return new ReceiptPage(page.layout(), page.title(), page.releaseHref(), page.paid(), page.discount(), page.status(),
                page.albums(), page.downloads(), purchase.tax().map(ReceiptPapers::taxLine).orElse(null), links, form);
    }

    /** "Includes VAT 19 % (DE): 1.60 EUR; net 8.39 EUR". */
    public static String taxLine(TaxSplit tax) {
        String rate = tax.rate() == null ? "" : " " + tax.rateText() + " %";
        String where = tax.country() == null ? "" : " (" + tax.country() + ")";
        return "Includes " + tax.label() + rate + where + ": " + tax.tax() + "; net " + tax.net();
    }
}
