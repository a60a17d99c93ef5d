package gatefold.server.delivery;

import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Fresh signed links to every file a purchase opens, for receipts, mails, the library and the API. */
public final class DownloadLinks {

    private final LinkSigner signer;
    private final Catalog catalog;
    private final Entitlements entitlements;
    private final URI publicUrl;
    private final Duration lifetime;

    public DownloadLinks(LinkSigner signer, Catalog catalog, Entitlements entitlements, URI publicUrl, Duration lifetime) {
        this.signer = signer;
        this.catalog = catalog;
        this.entitlements = entitlements;
        this.publicUrl = publicUrl;
        this.lifetime = lifetime;
    }

    /** One link to one file of a purchase, in one format. */
    public record Download(String fileId, String name, String format, long size, String url) {
    }

    /** Links for the purchase's entitlement while it is confirmed; empty once refunded, revoked or disputed. */
    public Optional<List<Download>> forEntitlement(String entitlementId) {
        return Optional.ofNullable(entitlementId).flatMap(entitlements::byId).filter(Entitlement::isActive).map(this::linksFor);
    }

    /** One fresh link per file of the release, each valid for the link lifetime. */
    public List<Download> linksFor(Entitlement entitlement) {
        Release release = catalog.release(entitlement.releaseId()).orElseThrow();
        Instant expires = Instant.now().plus(lifetime);
        return catalog.files(release).stream()
                .map(f -> new Download(f.id(), f.name(), "original", f.size(),
                        publicUrl + "/d/" + signer.sign(new DownloadLink(entitlement.id(), f.id(), "original", expires))))
                .toList();
    }
}
