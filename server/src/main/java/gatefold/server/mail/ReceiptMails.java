package gatefold.server.mail;

import gatefold.server.common.ByteSizes;
import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.Artist;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.delivery.DownloadLinks;
import gatefold.server.sales.Purchase;
import gatefold.server.sales.SaleDocuments;
import gatefold.server.sales.SaleListener;
import gatefold.server.sales.TaxSplit;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * When a purchase is confirmed: the fan gets a receipt with one download link per file
 * and the way to their library; the artist gets a note of who bought what (for free
 * downloads, through {@link FreeSaleNotices}, which turns a rush into an hourly digest).
 */
public final class ReceiptMails implements SaleListener {

    private final Mailer mailer;
    private final Catalog catalog;
    private final Accounts accounts;
    private final DownloadLinks links;
    private final URI publicUrl;
    private final FreeSaleNotices freeNotices;
    private final SaleDocuments documents;

    public ReceiptMails(Mailer mailer, Catalog catalog, Accounts accounts, DownloadLinks links,
                        URI publicUrl, FreeSaleNotices freeNotices, SaleDocuments documents) {
        this.documents = documents;
        this.mailer = mailer;
        this.catalog = catalog;
        this.accounts = accounts;
        this.links = links;
        this.publicUrl = publicUrl;
        this.freeNotices = freeNotices;
    }

    @Override
    public void confirmed(Purchase purchase) {
        Release release = catalog.release(purchase.releaseId()).orElseThrow();
        Optional<Artist> artist = accounts.byId(purchase.artistId());
        String title = MailText.line(release.title(), 200);
        String artistName = artist.map(a -> MailText.line(a.name(), 200)).orElse("the artist");
        List<DownloadLinks.Download> downloads = links.forEntitlement(purchase.entitlementId()).orElse(List.of());
        mailer.send(new Mail(purchase.email(), "Your download: " + title,
                fanText(purchase, title, artistName, downloads), artist.map(Artist::email).orElse(null)));
        artist.ifPresent(a -> {
            Mail note = new Mail(a.email(), (purchase.source().equals("code") ? "Code redeemed: " : "New sale: ") + title,
                    artistText(purchase, title));
            if (purchase.amount().isZero()) {
                freeNotices.note(a, purchase.id(), purchase.email(), release.title(), note);
            } else {
                mailer.send(note);
            }
        });
    }

    private String fanText(Purchase purchase, String title, String artistName, List<DownloadLinks.Download> downloads) {
        StringBuilder text = new StringBuilder();
        text.append("Thank you for getting \"").append(title).append("\" by ").append(artistName).append(".\n\n");
        text.append(purchase.amount().isZero() ? "Paid: nothing" : "Paid: " + purchase.amount())
                .append(purchase.source().equals("code") ? " (download code)" : "").append("\n");
        purchase.tax().ifPresent(t -> text.append(taxLine(t)).append("\n"));
        documents.issued(purchase.id()).invoice().ifPresent(invoice -> text.append("Invoice ").append(invoice.number())
                .append(": ").append(invoice.url()).append("\n"));
        text.append("\n");
        if (downloads.isEmpty()) {
            text.append("The files are not ready yet; your library will have them.\n\n");
        } else {
            text.append("Your downloads:\n\n");
            for (DownloadLinks.Download d : downloads) {
                text.append("  ").append(MailText.line(d.name(), 255)).append(" (").append(ByteSizes.readable(d.size())).append(")\n  ")
                        .append(d.url()).append("\n\n");
            }
            text.append("These links work for a limited time. Your library always has fresh ones:\n");
        }
        text.append(publicUrl).append("/library\n(sign in there with this email address)\n\n");
        text.append("Questions about the release? Reply to this email to reach ").append(artistName).append(".\n");
        return text.toString();
    }

    /** "Includes VAT 19 % (DE): 1.60 EUR, net 8.39 EUR". */
    private static String taxLine(TaxSplit tax) {
        String rate = tax.rate() == null ? "" : " " + tax.rateText() + " %";
        String where = tax.country() == null ? "" : " (" + tax.country() + ")";
        return "Includes " + MailText.line(tax.label(), 40) + rate + where + ": " + tax.tax() + ", net " + tax.net();
    }

    private String artistText(Purchase purchase, String title) {
        StringBuilder text = new StringBuilder();
        text.append(purchase.email()).append(purchase.source().equals("code") ? " redeemed a download code for \"" : " bought \"")
                .append(title).append("\"");
        text.append(purchase.amount().isZero() ? "." : " for " + purchase.amount() + ".").append("\n\n");
        text.append("Purchase: ").append(purchase.id()).append(" (").append(purchase.source());
        if (purchase.provider() != null) {
            text.append(", ").append(MailText.line(purchase.provider(), 40));
        }
        if (purchase.discountCode() != null) {
            text.append(", discount code ").append(MailText.line(purchase.discountCode(), 40));
        }
        text.append(")\n");
        return text.toString();
    }
}
