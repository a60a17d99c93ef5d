package gatefold.server.mail;

import gatefold.server.common.ByteSizes;
import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.Artist;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.delivery.DownloadLinks;
import gatefold.server.library.FormatPreferences;
import gatefold.server.library.PurchaseContents;
import gatefold.server.sales.Purchase;
import gatefold.server.sales.SaleDocuments;
import gatefold.server.sales.SaleListener;
import gatefold.server.storefront.ChosenFormat;
import gatefold.server.storefront.FormatRows;
import gatefold.server.sales.ReceiptPapers;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When a purchase is confirmed: the fan gets a receipt with the album as one zip (in the
 * format they chose before, else the release's default), one link per file, and the way to
 * their library, which has every other format; the artist gets a note of who bought what
 * (for free downloads, through {@link FreeSaleNotices}, which turns a rush into an hourly digest).
 */
public final class ReceiptMails implements SaleListener {

    private final Mailer mailer;
    private final Catalog catalog;
    private final Accounts accounts;
    private final DownloadLinks links;
    private final URI publicUrl;
    private final FreeSaleNotices freeNotices;
    private final FormatPreferences preferences;
    private final SaleDocuments documents;

    public ReceiptMails(Mailer mailer, Catalog catalog, Accounts accounts, PurchaseContents contents, URI publicUrl,
                        FreeSaleNotices freeNotices) {
        this.documents = contents.documents();
        this.mailer = mailer;
        this.catalog = catalog;
        this.accounts = accounts;
        this.links = contents.links();
        this.publicUrl = publicUrl;
        this.freeNotices = freeNotices;
        this.preferences = contents.preferences();
    }

    @Override
    public void confirmed(Purchase purchase) {
        Release release = catalog.release(purchase.releaseId()).orElseThrow();
        Optional<Artist> artist = accounts.byId(purchase.artistId());
        String title = MailText.line(release.title(), 200);
        String artistName = artist.map(a -> MailText.line(a.name(), 200)).orElse("the artist");
        Links got = new Links(links.forEntitlement(purchase.entitlementId()).orElse(List.of()),
                links.albumsFor(purchase.entitlementId()), preferences.of(purchase.email(), release.id()));
        mailer.send(new Mail(purchase.email(), "Your download: " + title,
                fanText(purchase, release, title, artistName, got, artist.map(a -> publicUrl + "/a/" + a.slug()).orElse(null)),
                artist.map(Artist::email).orElse(null)));
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

    /** What the fan's mail links to: each file, the album per format, and the format they chose before (if any). */
    private record Links(List<DownloadLinks.Download> downloads, List<DownloadLinks.Album> albums, ChosenFormat chosen) {
    }

    private String fanText(Purchase purchase, Release release, String title, String artistName, Links got, String artistPage) {
        StringBuilder text = new StringBuilder();
        text.append("Thank you for getting \"").append(title).append("\" by ").append(artistName).append(".\n\n");
        text.append(purchase.amount().isZero() ? "Paid: nothing" : "Paid: " + purchase.amount())
                .append(purchase.source().equals("code") ? " (download code)" : "").append("\n");
        purchase.tax().ifPresent(t -> text.append(MailText.line(ReceiptPapers.taxLine(t), 200)).append("\n"));
        documents.issued(purchase.id()).invoice().ifPresent(invoice -> text.append("Invoice ").append(invoice.number())
                .append(": ").append(invoice.url()).append("\n"));
        text.append("\n");
        if (got.downloads().isEmpty() && release.kind().equals("film")) {
            // A rental or a stream-only film has nothing to download: it plays in the library.
            text.append("Watch it in your library, on any device:\n");
        } else if (got.downloads().isEmpty()) {
            text.append("The files are not ready yet; your library will have them.\n\n");
        } else {
            downloads(text, got);
            text.append("These links work for a limited time. Your library always has fresh ones:\n");
        }
        text.append(publicUrl).append("/library\n(sign in there with this email address)\n\n");
        text.append("Questions about the release? Reply to this email to reach ").append(artistName).append(".\n");
        if (artistPage != null) {
            // A link, not a subscription: following still takes the fan's own click and confirmation.
            text.append("\nHear when ").append(artistName).append(" releases something new: follow at ").append(artistPage).append("\n");
        }
        return text.toString();
    }

    /**
     * The album in the fan's format (or the release's default) and each file in it, then the
     * other formats by name: the library has them all, so the mail stays short.
     */
    private static void downloads(StringBuilder text, Links got) {
        List<DownloadLinks.Album> albums = got.chosen().albums(got.albums());
        String format = albums.isEmpty() ? null : albums.get(0).format();
        if (format != null) {
            DownloadLinks.Album album = albums.get(0);
            text.append("The whole album as one zip, ").append(MailText.line(album.label(), 60))
                    .append(album.size() == null ? "" : " (" + ByteSizes.readable(album.size()) + ")").append(":\n  ")
                    .append(album.url()).append("\n\n").append("Track by track:\n\n");
        } else {
            text.append("Your downloads:\n\n");
        }
        Set<String> others = new LinkedHashSet<>();
        for (DownloadLinks.Download d : got.downloads()) {
            String shown = format != null && d.formats().containsKey(format) ? format : got.chosen().primary(d);
            // A file in one format is named by its size alone; sizes are known only for files as uploaded.
            Long size = FormatRows.sizeIn(d, shown, null);
            String about = d.formats().size() <= 1 ? ByteSizes.readable(d.size()) : FormatRows.label(shown)
                    + (size == null ? "" : ", " + ByteSizes.readable(size));
            text.append("  ").append(MailText.line(FormatRows.nameIn(d, shown, null), 255)).append(" (").append(about)
                    .append(")\n  ").append(d.formats().getOrDefault(shown, d.url())).append("\n\n");
            d.formats().keySet().stream().filter(f -> !f.equals(shown)).forEach(others::add);
        }
        if (!others.isEmpty()) {
            text.append("Other formats in your library: ").append(String.join(", ", others.stream().map(FormatRows::label).toList()))
                    .append(".\n");
        }
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
