package gatefold.server.invoices;

import gatefold.server.common.Ids;
import gatefold.server.sales.Buyer;
import gatefold.server.sales.Purchase;
import gatefold.server.sales.SaleDocuments;
import gatefold.server.sales.TaxSplit;
import gatefold.server.security.SecretBox;
import gatefold.server.security.Tokens;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Issues invoices and credit notes as sales are confirmed and refunded, and finds them again
 * for the purchase JSON, the receipt, the library, the receipt mail and the PDF link.
 *
 * <p>Each document has its own download token. Only its hash finds the document; the token
 * itself is kept sealed under the master key so the store can show the link again, while the
 * database alone gives away no invoice.
 */
public final class Invoices implements SaleDocuments {

    private static final RowMapper<Invoice> ROWS = ConstructorMapper.of(Invoice.class);
    private final Jdbi jdbi;
    private final SecretBox secrets;
    private final URI publicUrl;

    public Invoices(Jdbi jdbi, SecretBox secrets, URI publicUrl) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.publicUrl = publicUrl;
    }

    @Override
    public void confirmed(Handle h, Purchase purchase) {
        if (purchase.amountMinor() == 0) {
            return; // a free download, a code or a gift: nothing was sold
        }
        SellerProfile seller = SellerProfiles.get(h, purchase.artistId());
        if (!seller.invoices()) {
            return;
        }
        // On this transaction's own connection: a second one per confirmation could drain the pool in a rush.
        String item = h.createQuery("SELECT title FROM releases WHERE id = :id").bind("id", purchase.releaseId())
                .mapTo(String.class).findOne().orElse("");
        InvoiceNumbers.Taken number = InvoiceNumbers.next(h, purchase.artistId(), InvoiceNumbers.Series.INVOICE,
                seller.invoicePrefix(), Instant.now());
        TaxSplit tax = purchase.tax().orElse(null);
        insert(h, new Invoice(Ids.next("inv"), purchase.artistId(), purchase.id(), Invoice.INVOICE, number.year(), number.seq(),
                number.number(), null, number.issuedAt(), null, null, seller.legalName(), seller.address(), seller.taxId(),
                purchase.email(), item, purchase.currency(),
                tax == null ? purchase.amountMinor() : tax.net().minor(), tax == null ? 0 : tax.tax().minor(),
                purchase.amountMinor(), tax == null ? null : tax.rate(), tax == null ? null : tax.label(),
                tax == null ? null : tax.country()));
    }

    @Override
    public void refunded(Handle h, Purchase purchase) {
        List<Invoice> issued = of(h, purchase.id());
        Optional<Invoice> invoice = issued.stream().filter(i -> !i.isCreditNote()).findFirst();
        if (invoice.isEmpty() || issued.stream().anyMatch(Invoice::isCreditNote)) {
            return;
        }
        Invoice original = invoice.get();
        String prefix = SellerProfiles.get(h, purchase.artistId()).invoicePrefix();
        InvoiceNumbers.Taken number = InvoiceNumbers.next(h, purchase.artistId(), InvoiceNumbers.Series.CREDIT_NOTE, prefix,
                Instant.now());
        insert(h, new Invoice(Ids.next("inv"), original.artistId(), original.purchaseId(), Invoice.CREDIT_NOTE, number.year(),
                number.seq(), number.number(), original.docNumber(), number.issuedAt(), null, null, original.sellerName(),
                original.sellerAddress(), original.sellerTaxId(), original.buyerEmail(), original.item(), original.currency(),
                original.netMinor(), original.taxMinor(), original.totalMinor(), original.taxRate(), original.taxLabel(),
                original.taxCountry()));
    }

    /** Writes the document with a fresh download token (its hash, and the token sealed). */
    private void insert(Handle h, Invoice draft) {
        String token = Tokens.generate("inv");
        h.createUpdate("""
                INSERT INTO invoices (id, artist_id, purchase_id, kind, series_year, seq, doc_number, corrects, issued_at,
                    token_hash, sealed_token, seller_name, seller_address, seller_tax_id, buyer_email, item, currency,
                    net_minor, tax_minor, total_minor, tax_rate, tax_label, tax_country)
                VALUES (:id, :artistId, :purchaseId, :kind, :seriesYear, :seq, :docNumber, :corrects, :issuedAt,
                    :hash, :sealed, :sellerName, :sellerAddress, :sellerTaxId, :buyerEmail, :item, :currency,
                    :netMinor, :taxMinor, :totalMinor, :taxRate, :taxLabel, :taxCountry)""")
                .bindMethods(draft).bind("hash", Tokens.hash(token)).bind("sealed", secrets.seal(label(draft.id()), token))
                .execute();
    }

    private static List<Invoice> of(Handle h, String purchaseId) {
        return h.createQuery("SELECT * FROM invoices WHERE purchase_id = :p ORDER BY kind DESC").bind("p", purchaseId)
                .map(ROWS).list();
    }

    @Override
    public void buyerGiven(Handle h, String purchaseId, Buyer buyer) {
        h.createUpdate("DELETE FROM invoice_buyers WHERE purchase_id = :p").bind("p", purchaseId).execute();
        if (!buyer.isEmpty()) {
            h.createUpdate("""
                    INSERT INTO invoice_buyers (purchase_id, name, address, tax_id, updated_at)
                    VALUES (:p, :name, :address, :taxId, :now)""")
                    .bind("p", purchaseId).bind("name", buyer.name()).bind("address", buyer.address()).bind("taxId", buyer.taxId())
                    .bind("now", Instant.now()).execute();
        }
    }

    @Override
    public Optional<Buyer> buyer(String purchaseId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, address, tax_id FROM invoice_buyers WHERE purchase_id = :p")
                .bind("p", purchaseId)
                .map((rs, ctx) -> new Buyer(rs.getString("name"), rs.getString("address"), rs.getString("tax_id"))).findOne());
    }

    @Override
    public Issued issued(String purchaseId) {
        return split(jdbi.withHandle(h -> of(h, purchaseId)));
    }

    /** One query per 500 purchases, for lists of sales. */
    @Override
    public Map<String, Issued> issued(List<String> purchaseIds) {
        Map<String, List<Invoice>> byPurchase = new HashMap<>();
        for (int from = 0; from < purchaseIds.size(); from += 500) {
            List<String> chunk = purchaseIds.subList(from, Math.min(purchaseIds.size(), from + 500));
            jdbi.withHandle(h -> h.createQuery("SELECT * FROM invoices WHERE purchase_id IN (<ids>)").bindList("ids", chunk)
                    .map(ROWS).list()).forEach(i -> byPurchase.computeIfAbsent(i.purchaseId(), k -> new ArrayList<>()).add(i));
        }
        Map<String, Issued> out = new HashMap<>();
        byPurchase.forEach((purchase, documents) -> out.put(purchase, split(documents)));
        return out;
    }

    private Issued split(List<Invoice> documents) {
        return new Issued(documents.stream().filter(i -> !i.isCreditNote()).findFirst().map(this::document),
                documents.stream().filter(Invoice::isCreditNote).findFirst().map(this::document));
    }

    private Document document(Invoice invoice) {
        return new Document(invoice.docNumber(), url(invoice));
    }

    /** Where the document downloads: {@code /invoices/{token}.pdf}. */
    String url(Invoice invoice) {
        return publicUrl + "/invoices/" + secrets.openString(label(invoice.id()), invoice.sealedToken()) + ".pdf";
    }

    /** The document behind a download token. */
    Optional<Invoice> byToken(String token) {
        if (token == null || token.length() > 100 || !token.startsWith("inv_")) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM invoices WHERE token_hash = :hash")
                .bind("hash", Tokens.hash(token)).map(ROWS).findOne());
    }

    /** The PDF, the same bytes every time for the same document and buyer details. */
    byte[] pdf(Invoice invoice) {
        return InvoicePdf.render(InvoiceSheet.of(invoice, buyer(invoice.purchaseId()).orElse(Buyer.NONE)));
    }

    private static String label(String invoiceId) {
        return "invoices/" + invoiceId;
    }
}
