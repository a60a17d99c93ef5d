package gatefold.server.embed;

import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.Artist;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.Money;
import gatefold.server.delivery.ReleaseFormats;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Releases as other sites show them: found by the artist's and release's slugs (or id), never
 * drafts, with the cover, the price as a fan reads it, and the URLs embeds link to.
 */
public final class EmbedReleases {

    /** A release that may be shown on another site, with its artist and cover (if any). */
    public record Shown(Artist artist, Release release, Optional<ReleaseFile> cover) {
    }

    private final Accounts accounts;
    private final Catalog catalog;
    private final URI publicUrl;
    private final ReleaseFormats formats;

    public EmbedReleases(Accounts accounts, Catalog catalog, URI publicUrl, ReleaseFormats formats) {
        this.accounts = accounts;
        this.catalog = catalog;
        this.publicUrl = publicUrl;
        this.formats = formats;
    }

    public Optional<Shown> bySlugs(String artistSlug, String releaseSlug) {
        return accounts.bySlug(artistSlug)
                .flatMap(artist -> catalog.releaseBySlug(artist.id(), releaseSlug).map(release -> shown(artist, release)))
                .filter(EmbedReleases::visible);
    }

    public Optional<Shown> byId(String releaseId) {
        return catalog.release(releaseId)
                .flatMap(release -> accounts.byId(release.artistId()).map(artist -> shown(artist, release)))
                .filter(EmbedReleases::visible);
    }

    private Shown shown(Artist artist, Release release) {
        Optional<ReleaseFile> cover = catalog.files(release).stream()
                .filter(f -> f.role().equals("cover"))
                .min(Comparator.comparingInt(ReleaseFile::position));
        return new Shown(artist, release, cover);
    }

    private static boolean visible(Shown shown) {
        return shown.release().isOut();
    }

    private java.util.function.Function<String, List<gatefold.server.media.Previews.Playable>> previews = id -> List.of();
    private java.util.function.Function<Release, Optional<gatefold.web.views.store.RentForm>> rentals = r -> Optional.empty();

    /** Where a film's rental offer (price and windows) is read; set once while wiring. */
    public EmbedReleases withRentals(java.util.function.Function<Release, Optional<gatefold.web.views.store.RentForm>> offer) {
        this.rentals = offer;
        return this;
    }

    /** The film's rental offer, when it can be rented. */
    public Optional<gatefold.web.views.store.RentForm> rent(Shown shown) {
        return rentals.apply(shown.release());
    }

    /** Where the card's player finds the previews; set once while wiring. */
    public EmbedReleases withPreviews(java.util.function.Function<String, List<gatefold.server.media.Previews.Playable>> playable) {
        this.previews = playable;
        return this;
    }

    /** The tracks of the release a visitor can preview now, for the card's player. */
    public List<gatefold.web.views.store.Track> previews(Shown shown) {
        List<gatefold.server.media.Previews.Playable> playable = previews.apply(shown.release().id());
        List<gatefold.web.views.store.Track> tracks = new java.util.ArrayList<>();
        for (var p : playable) {
            tracks.add(new gatefold.web.views.store.Track(tracks.size() + 1, p.title(), null, publicUrl + p.url()));
        }
        return tracks;
    }

    public URI publicUrl() {
        return publicUrl;
    }

    /** The release page on this store: what artists link to and what oEmbed accepts. */
    public String releaseUrl(Shown shown) {
        return publicUrl + "/r/" + segment(shown.artist().slug()) + "/" + segment(shown.release().slug());
    }

    public String cardPath(Shown shown, boolean compact) {
        return "/embed/r/" + segment(shown.artist().slug()) + "/" + segment(shown.release().slug()) + (compact ? "?size=compact" : "");
    }

    /** The cover's path on this server, or null when the release has none. */
    public String coverPath(Shown shown) {
        return shown.cover().map(f -> "/embed/cover/" + segment(shown.release().id())).orElse(null);
    }

    /** The formats the album comes in, for the card: "FLAC, MP3 320, MP3 V0 and 6 more"; null for one format or none. */
    public String formatsLabel(Shown shown) {
        if (!shown.release().kind().equals("music")) {
            return null;
        }
        List<String> labels = formats.offer(shown.release().id()).albums().stream().map(ReleaseFormats.AlbumOffer::label).toList();
        if (labels.size() < 2) {
            return null;
        }
        String first = String.join(", ", labels.subList(0, Math.min(3, labels.size() - 1)));
        int rest = labels.size() - Math.min(3, labels.size() - 1);
        return "In " + first + " and " + (rest == 1 ? labels.get(labels.size() - 1) : rest + " more formats");
    }

    public static String priceLabel(Release release) {
        return switch (release.pricing()) {
            case "free" -> "Free";
            case "pwyw" -> release.minPrice().filter(m -> !m.isZero())
                    .map(min -> "Pay what you want (at least " + min + ")")
                    .orElse("Pay what you want");
            default -> release.price().map(Money::toString).orElse("");
        };
    }

    public static String kindLabel(Release release) {
        return switch (release.kind()) {
            case "music" -> "Music";
            case "book" -> "Book";
            case "film" -> "Film";
            default -> "Release";
        };
    }

    public static String suggestedAmount(Release release) {
        Money min = release.minPrice().orElse(Money.zero(Currency.getInstance(release.currency())));
        return release.price().orElse(min).amount();
    }

    public static String sizeLabel(long bytes) {
        if (bytes < 1000) {
            return bytes + " bytes";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
