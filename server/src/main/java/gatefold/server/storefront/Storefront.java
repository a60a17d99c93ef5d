package gatefold.server.storefront;

import gatefold.server.common.ByteSizes;
import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.Artist;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.Refusal;
import gatefold.server.delivery.ReleaseFormats;
import gatefold.server.media.MediaCheck;
import gatefold.server.media.Previews;
import gatefold.server.sales.Checkout;
import gatefold.web.views.Layout;
import gatefold.web.views.store.ArtistCard;
import gatefold.web.views.store.ArtistPage;
import gatefold.web.views.store.FileRow;
import gatefold.web.views.store.HomePage;
import gatefold.web.views.store.Link;
import gatefold.web.views.store.OfferedFormat;
import gatefold.web.views.store.ReleaseCard;
import gatefold.web.views.store.ReleasePage;
import gatefold.web.views.store.Track;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * The public store as view records: the instance home, an artist's page and a release page.
 * Only published releases are listed; an unlisted one is shown to whoever has its address;
 * a draft does not exist for fans.
 */
public final class Storefront {

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final Accounts accounts;
    private final Checkout checkout;
    private final Covers covers;
    private final TrackLengths lengths;
    private final OfferedFormats offered;
    private Function<String, List<Previews.Playable>> previews = releaseId -> List.of();
    private Function<String, Optional<String>> trailers = releaseId -> Optional.empty();
    private Function<Release, Optional<gatefold.web.views.store.RentForm>> rentals = release -> Optional.empty();
    private Function<Artist, List<Link>> bundles = artist -> List.of();

    /** What the pages need to say about sound: the stored masters (for lengths), the formats, and each track's check. */
    public record Sound(gatefold.storage.BlobStore store, ReleaseFormats formats, Function<Release, Map<String, MediaCheck>> checks) { }

    public Storefront(Jdbi jdbi, Catalog catalog, Accounts accounts, Checkout checkout, Covers covers, Sound sound) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.accounts = accounts;
        this.checkout = checkout;
        this.covers = covers;
        this.lengths = new TrackLengths(sound.store());
        this.offered = new OfferedFormats(sound.formats(), sound.checks(), java.time.Clock.systemUTC());
    }

    /** Where the release page's player finds each track's preview; set once while wiring. */
    public Storefront withPreviews(Function<String, List<Previews.Playable>> playable) {
        this.previews = playable;
        return this;
    }

    /** Where a film's page finds its public trailer; set once while wiring. */
    public Storefront withTrailers(Function<String, Optional<String>> trailer) {
        this.trailers = trailer;
        return this;
    }

    /** Where a film's page finds its rental offer; set once while wiring. */
    public Storefront withRentals(Function<Release, Optional<gatefold.web.views.store.RentForm>> offer) {
        this.rentals = offer;
        return this;
    }

    /** Where an artist's page finds their bundles; set once while wiring. */
    public Storefront withBundles(Function<Artist, List<Link>> ofArtist) {
        this.bundles = ofArtist;
        return this;
    }

    record Offering(String artistId, int releases) {
    }

    /** A page to render: its template and view record. */
    public record Page(String template, Object view) {
    }

    /** The artists with something published, by name; with exactly one, the home page is their store. */
    public Page home() {
        List<Offering> offering = jdbi.withHandle(h -> h.createQuery(
                        "SELECT artist_id, COUNT(*) AS releases FROM releases WHERE status = 'published' GROUP BY artist_id")
                .map((rs, ctx) -> new Offering(rs.getString("artist_id"), rs.getInt("releases"))).list());
        if (offering.size() == 1) {
            return new Page("store/artist.jte", artistPage(accounts.byId(offering.get(0).artistId()).orElseThrow()));
        }
        if (offering.isEmpty()) {
            List<String> everyone = jdbi.withHandle(h -> h.createQuery("SELECT id FROM artists").mapTo(String.class).list());
            if (everyone.size() == 1) {
                return new Page("store/artist.jte", artistPage(accounts.byId(everyone.get(0)).orElseThrow()));
            }
        }
        List<ArtistCard> cards = new ArrayList<>();
        for (Offering o : offering) {
            accounts.byId(o.artistId()).ifPresent(a -> cards.add(new ArtistCard(a.name(), "/a/" + a.slug(), o.releases())));
        }
        cards.sort(java.util.Comparator.comparing(c -> c.name().toLowerCase(java.util.Locale.ROOT)));
        return new Page("store/home.jte", new HomePage(Layout.of("Artists", StorePages.STORE).withFeeds("/feed"), cards));
    }

    public ArtistPage artistPage(String slug) {
        return artistPage(accounts.bySlug(slug).orElseThrow(() -> Refusal.notFound("There is no artist at this address.")));
    }

    private ArtistPage artistPage(Artist artist) {
        List<ReleaseCard> cards = catalog.releases(artist).stream().filter(Release::isPublished).map(r -> {
            List<ReleaseFile> files = catalog.files(r);
            return new ReleaseCard(r.title(), releaseHref(artist, r), covers.view(r, files), StorePages.kind(r.kind()),
                    StorePages.price(r));
        }).toList();
        List<Link> links = accounts.links(artist).stream().filter(Storefront::isWebLink)
                .map(l -> new Link(l, l.replaceFirst("^https?://(www\\.)?", "").replaceFirst("/$", ""))).toList();
        return new ArtistPage(Layout.of(artist.name(), artist.name()).withFeeds("/a/" + artist.slug() + "/feed"), artist.name(),
                artist.bio(), links, cards, "/a/" + artist.slug() + "/follow", bundles.apply(artist));
    }

    public ReleasePage releasePage(String artistSlug, String releaseSlug) {
        Artist artist = accounts.bySlug(artistSlug).orElseThrow(Storefront::noRelease);
        Release release = catalog.releaseBySlug(artist.id(), releaseSlug).filter(Release::isOut)
                .orElseThrow(Storefront::noRelease);
        List<ReleaseFile> files = catalog.files(release);
        List<Track> tracks = new ArrayList<>();
        List<OfferedFormat> formats = List.of();
        if (release.kind().equals("music")) {
            Map<String, MediaCheck> checked = offered.checks(release);
            Map<String, String> playable = previews.apply(release.id()).stream()
                    .collect(java.util.stream.Collectors.toMap(Previews.Playable::fileId, Previews.Playable::url));
            for (ReleaseFile f : files) {
                if (f.role().equals("track")) {
                    tracks.add(new Track(tracks.size() + 1, trackTitle(f), duration(f, checked.get(f.id())), playable.get(f.id())));
                }
            }
            formats = offered.of(release, files, checked);
        }
        // Tracks are listed as files only when fans get them as uploaded; otherwise the formats say what they get.
        boolean originals = formats.isEmpty() || formats.stream().anyMatch(f -> f.format().equals("original"));
        List<FileRow> gets = files.stream().filter(f -> originals || !f.role().equals("track"))
                .map(f -> new FileRow(f.name(), ByteSizes.readable(f.size()), null, null)).toList();
        Layout layout = Layout.of(release.title(), artist.name()).withFeeds("/a/" + artist.slug() + "/feed");
        return new ReleasePage(layout, new Link("/a/" + artist.slug(), artist.name()),
                release.title(), StorePages.kind(release.kind()),
                release.releaseDate() == null ? null : release.releaseDate().toString(), covers.view(release, files),
                Markdown.toSafeHtml(release.description()), release.credits(), licence(release.licence()), tracks, formats, gets,
                StorePages.preorder(StorePages.buyForm(release, checkout.providersFor(release)), release, files,
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC)),
                release.kind().equals("film") ? trailers.apply(release.id()).orElse(null) : null,
                release.kind().equals("film") ? rentals.apply(release).orElse(null) : null);
    }

    /** From checking the master when that is done, else read from a FLAC or WAV header. */
    private String duration(ReleaseFile track, MediaCheck check) {
        if (check != null && check.ok() && check.durationMs() != null && check.blobKey().equals(track.blobKey())) {
            return AudioDuration.format(Math.round(check.durationMs() / 1000.0));
        }
        return lengths.of(track);
    }

    /** The release's public address, for links that know only its id (checkout, receipts). */
    public Optional<String> releaseHref(String releaseId) {
        return catalog.release(releaseId).filter(Release::isOut)
                .flatMap(r -> accounts.byId(r.artistId()).map(a -> releaseHref(a, r)));
    }

    static String releaseHref(Artist artist, Release release) {
        return "/r/" + artist.slug() + "/" + release.slug();
    }

    /** The title the artist set; without one, "01 - Opening.flac" becomes "Opening". */
    static String trackTitle(ReleaseFile track) {
        if (track.title() != null && !track.title().isBlank()) {
            return track.title();
        }
        String title = track.name().replaceFirst("\\.[A-Za-z0-9]{2,5}$", "");
        String stripped = title.replaceFirst("^\\d{1,3}(\\s*[-._)]\\s*|\\s+)", "");
        return stripped.isBlank() ? title : stripped;
    }

    private static String licence(String licence) {
        if (licence == null || licence.isBlank()) {
            return null;
        }
        return licence.equals("all-rights-reserved") ? "All rights reserved" : licence;
    }

    private static boolean isWebLink(String link) {
        try {
            URI uri = new URI(link);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static Refusal noRelease() {
        return Refusal.notFound("There is no release at this address. It may have been renamed or taken down.");
    }
}
