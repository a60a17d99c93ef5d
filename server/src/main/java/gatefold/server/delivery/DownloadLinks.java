package gatefold.server.delivery;

import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fresh signed links to everything a purchase opens, for receipts, mails, the library and
 * the API: each file in each format it is offered in (its default first), and the whole
 * release as one zip per format.
 */
public final class DownloadLinks {

    /** Where links point and how long they last. */
    public record Lifetime(URI publicUrl, Duration linkLifetime) {
    }

    private final LinkSigner signer;
    private final Catalog catalog;
    private final Entitlements entitlements;
    private final ReleaseFormats formats;
    private final Lifetime lifetime;

    public DownloadLinks(LinkSigner signer, Catalog catalog, Entitlements entitlements, ReleaseFormats formats, Lifetime lifetime) {
        this.signer = signer;
        this.catalog = catalog;
        this.entitlements = entitlements;
        this.formats = formats;
        this.lifetime = lifetime;
    }

    /** How long a link signed now works. */
    public Duration linkLifetime() {
        return lifetime.linkLifetime();
    }

    /**
     * One file of a purchase: {@code url} opens it in its default {@code format} (of {@code
     * size} bytes when that file is made, else the original's), {@code formats} maps every
     * format it is offered in to its own link, and {@code sizes} the formats already made to
     * their sizes.
     */
    public record Download(String fileId, String name, String format, long size, String url, Map<String, String> formats,
                           Map<String, Long> sizes) {
    }

    /** The whole release as one zip in a format; {@code size} is null until every file in it is made. */
    public record Album(String format, String label, String name, Long size, String url) {
    }

    /** Something a buyer plays in the browser: a track ({@code audio}) or a film's HLS master playlist ({@code hls}). */
    public record Stream(String fileId, String kind, String url) {
    }

    private final List<java.util.function.Function<Entitlement, List<Stream>>> streamSources =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Adds where streams come from (music, films); each is asked for every active purchase. */
    public void streamFrom(java.util.function.Function<Entitlement, List<Stream>> source) {
        streamSources.add(source);
    }

    private volatile java.util.function.BiPredicate<Entitlement, ReleaseFile> withheld = (entitlement, file) -> false;

    /** Files some purchases get no download of (a rented or stream-only film's master); set once while wiring. */
    public void withhold(java.util.function.BiPredicate<Entitlement, ReleaseFile> rule) {
        withheld = rule;
    }

    /**
     * Fresh stream URLs of the purchase's entitlement while it is confirmed (on a pre-order, what each
     * source opens now); never a download, never counted.
     */
    public List<Stream> streamsFor(String entitlementId) {
        return held(entitlementId).map(e -> streamSources.stream().flatMap(s -> s.apply(e).stream()).toList()).orElse(List.of());
    }

    /**
     * Links for the purchase's entitlement while it is confirmed, or on a pre-order the files available
     * now (maybe none); empty once refunded, revoked or disputed.
     */
    public Optional<List<Download>> forEntitlement(String entitlementId) {
        return held(entitlementId).map(this::linksFor);
    }

    /** The album links of the purchase's entitlement while it is confirmed (none for a release without tracks, nor a pre-order). */
    public List<Album> albumsFor(String entitlementId) {
        return active(entitlementId).map(this::albumsFor).orElse(List.of());
    }

    private Optional<Entitlement> active(String entitlementId) {
        return Optional.ofNullable(entitlementId).flatMap(entitlements::byId).filter(Entitlement::isActive);
    }

    /** On a pre-order, the release date, when everything else opens; empty for any other purchase. */
    public Optional<java.time.LocalDate> opensOn(String entitlementId) {
        return Optional.ofNullable(entitlementId).flatMap(entitlements::byId).filter(e -> e.status() == EntitlementStatus.PREORDERED)
                .flatMap(e -> catalog.release(e.releaseId())).map(Release::releaseDate);
    }

    /**
     * Where a purchase's right stands, for its JSON: {@code entitlement} (confirmed, preordered,
     * refunded...; null when it never granted one) and {@code opensOn}, a pre-order's release date.
     */
    public void addStanding(Map<String, Object> out, String entitlementId) {
        out.put("entitlement", Optional.ofNullable(entitlementId).flatMap(entitlements::byId).map(Entitlement::status).orElse(null));
        out.put("opensOn", opensOn(entitlementId).map(Object::toString).orElse(null));
    }

    private Optional<Entitlement> held(String entitlementId) {
        return Optional.ofNullable(entitlementId).flatMap(entitlements::byId).filter(e -> e.status().holds());
    }

    /** One fresh link per file the purchase opens now and format, each valid for the link lifetime. */
    public List<Download> linksFor(Entitlement entitlement) {
        Release release = catalog.release(entitlement.releaseId()).orElseThrow();
        Instant expires = Instant.now().plus(lifetime.linkLifetime());
        ReleaseFormats.Offer offer = formats.offer(release.id());
        return catalog.files(release).stream().filter(entitlement::opens).filter(f -> !withheld.test(entitlement, f))
                .map(f -> download(entitlement, f, offer, expires)).toList();
    }

    private Download download(Entitlement entitlement, ReleaseFile file, ReleaseFormats.Offer offer, Instant expires) {
        ReleaseFormats.FileOffer offered = offer.files().getOrDefault(file.id(),
                new ReleaseFormats.FileOffer(List.of("original"), Map.of("original", file.name()), Map.of("original", file.size())));
        Map<String, String> urls = new LinkedHashMap<>();
        for (String format : offered.formats()) {
            urls.put(format, url(entitlement, file.id(), format, expires));
        }
        String first = offered.formats().get(0);
        long size = offered.sizes().getOrDefault(first, file.size());
        return new Download(file.id(), offered.names().getOrDefault(first, file.name()), first, size, urls.get(first), urls,
                offered.sizes());
    }

    private List<Album> albumsFor(Entitlement entitlement) {
        Instant expires = Instant.now().plus(lifetime.linkLifetime());
        return formats.offer(entitlement.releaseId()).albums().stream().map(a -> new Album(a.format(), a.label(), a.name(),
                a.size(), url(entitlement, Handover.ALBUM, a.format(), expires))).toList();
    }

    private String url(Entitlement entitlement, String item, String format, Instant expires) {
        return lifetime.publicUrl() + "/d/" + signer.sign(new DownloadLink(entitlement.id(), item, format, expires));
    }
}
