package gatefold.server.sales;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Invoices and credit notes, as sales sees them. {@link #confirmed} and {@link #refunded} run
 * inside the transaction that moves the purchase, so a document number is taken exactly when
 * a sale is confirmed (or refunded) and never by a checkout that fails.
 */
public interface SaleDocuments {

    /** In the confirming transaction: issue an invoice if the artist issues them and the sale was paid. */
    void confirmed(Handle handle, Purchase purchase);

    /** In the refunding transaction: issue a credit note for the purchase's invoice, if it has one. */
    void refunded(Handle handle, Purchase purchase);

    /** Records the details a business buyer gave for their invoice (replacing earlier ones). */
    void buyerGiven(Handle handle, String purchaseId, Buyer buyer);

    Optional<Buyer> buyer(String purchaseId);

    /** The purchase's invoice and credit note, as far as they were issued. */
    Issued issued(String purchaseId);

    /** The same for many purchases at once (a list of sales), by purchase id; purchases without documents are left out. */
    default java.util.Map<String, Issued> issued(java.util.List<String> purchaseIds) {
        java.util.Map<String, Issued> out = new java.util.HashMap<>();
        purchaseIds.forEach(id -> out.put(id, issued(id)));
        return out;
    }

    /** A document's number and where to download it. */
    record Document(String number, String url) {
    }

    /** What a purchase has: an invoice once confirmed (if the artist issues them), a credit note once refunded. */
    record Issued(Optional<Document> invoice, Optional<Document> creditNote) {
        public static final Issued NOTHING = new Issued(Optional.empty(), Optional.empty());
    }

    /** For a store without invoices (tests of other features). */
    SaleDocuments NONE = new SaleDocuments() {
        @Override
        public void confirmed(Handle handle, Purchase purchase) {
        }

        @Override
        public void refunded(Handle handle, Purchase purchase) {
        }

        @Override
        public void buyerGiven(Handle handle, String purchaseId, Buyer buyer) {
        }

        @Override
        public Optional<Buyer> buyer(String purchaseId) {
            return Optional.empty();
        }

        @Override
        public Issued issued(String purchaseId) {
            return Issued.NOTHING;
        }
    };
}
