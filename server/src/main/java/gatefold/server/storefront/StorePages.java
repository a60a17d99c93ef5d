package gatefold.server.storefront;

import gatefold.server.catalog.Release;
import gatefold.server.common.Money;
import gatefold.server.delivery.DownloadLinks;
import gatefold.web.Pages;
import gatefold.web.views.Layout;
import gatefold.web.views.store.BuyForm;
import gatefold.web.views.store.FileRow;
import gatefold.web.views.store.ProviderChoice;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.function.Function;

/** What the fan-facing pages share: rendering, the frame, sizes and prices in words, the buy form. */
public final class StorePages {

    /** The name in the frame of pages that belong to no one artist (checkout, receipt, library, errors). */
    public static final String STORE = "Store";
    private static final Pages PAGES = new Pages();

    private StorePages() {
    }

    public static void render(Context ctx, String template, Object view) {
        ctx.html(PAGES.render(template, view));
    }

    public static Layout layout(String title) {
        return Layout.of(title, STORE);
    }

    public static String price(Release release) {
        return switch (release.pricing()) {
            case "free" -> "Free";
            case "pwyw" -> {
                Money min = release.minPrice().orElse(Money.zero(Currency.getInstance(release.currency())));
                yield min.isZero() ? "Name your price" : min + " or more";
            }
            default -> release.price().map(Money::toString).orElse("");
        };
    }

    public static String providerLabel(String provider) {
        return switch (provider) {
            case "test" -> "Pay (test mode)";
            case "stripe" -> "Card (Stripe)";
            case "btcpay" -> "Bitcoin (BTCPay Server)";
            default -> provider;
        };
    }

    public static String kind(String kind) {
        return switch (kind) {
            case "music" -> "Music";
            case "book" -> "Book";
            case "film" -> "Film";
            default -> "Release";
        };
    }

    /** The buy form for a release the fan can buy, given the ways its artist takes payments. */
    public static BuyForm buyForm(Release release, List<String> providers) {
        Currency currency = Currency.getInstance(release.currency());
        Money min = release.minPrice().orElse(Money.zero(currency));
        boolean free = release.pricing().equals("free");
        boolean pwyw = release.pricing().equals("pwyw");
        List<ProviderChoice> choices = new ArrayList<>();
        for (int i = 0; i < providers.size(); i++) {
            choices.add(new ProviderChoice(providers.get(i), providerLabel(providers.get(i)), i == 0));
        }
        String unavailable = null;
        if (!free && providers.isEmpty() && !(pwyw && min.isZero())) {
            unavailable = "This artist does not take payments online yet; contact them to buy it.";
        }
        String suggested = pwyw ? release.price().filter(p -> !p.lessThan(min)).orElse(min).amount() : null;
        String button = free ? "Get it free" : pwyw ? "Buy" : "Buy for " + release.price().map(Money::toString).orElse("");
        return new BuyForm("/checkout/" + release.id(), release.pricing(), price(release), release.currency(),
                pwyw ? min.amount() : null, suggested, choices, button, unavailable);
    }

    /**
     * The buy form of a release whose date is ahead, as a pre-order: "Pre-order for 4.00 EUR", the date, and
     * which files buyers get at once; else the form as it was.
     */
    public static BuyForm preorder(BuyForm form, Release release, List<gatefold.server.catalog.ReleaseFile> files,
                                   java.time.LocalDate today) {
        if (!release.isPreorderOn(today)) {
            return form;
        }
        List<String> now = files.stream().filter(gatefold.server.catalog.ReleaseFile::availableNow)
                .map(gatefold.server.catalog.ReleaseFile::trackTitle).toList();
        String note = "Out on " + release.releaseDate() + ": pay now, and your downloads open that day"
                + (now.isEmpty() ? "." : "; " + String.join(", ", now) + (now.size() == 1 ? " is" : " are") + " yours at once.");
        String button = form.free() ? "Pre-order free" : form.pwyw() ? "Pre-order"
                : "Pre-order for " + release.price().map(Money::toString).orElse("");
        return form.asPreorder(note, button);
    }

    /** Download rows in each file's default format with its other formats linked; the SHA-256 where the file has one format. */
    public static List<FileRow> downloads(List<DownloadLinks.Download> downloads, Function<String, String> sha256ByFileId) {
        return downloads.stream().map(d -> {
            FileRow row = FormatRows.row(d, ChosenFormat.none(), null);
            return row.format() != null ? row : new FileRow(row.name(), row.size(), row.href(), sha256ByFileId.apply(d.fileId()));
        }).toList();
    }

    /** What a pre-order's buyer reads next to its links (receipt, library); null when there is no date to wait for. */
    public static String preorderNote(java.util.Optional<java.time.LocalDate> opensOn, boolean anyNow) {
        return opensOn.map(day -> "Pre-order: " + (anyNow ? "the tracks below are yours now; everything else" : "your downloads")
                + " open on " + day + ", and we will mail you then.").orElse(null);
    }
}
