package gatefold.server.listen;

import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.Refusal;
import gatefold.server.delivery.DownloadLink;
import gatefold.server.delivery.DownloadLinks.Stream;
import gatefold.server.delivery.Entitlement;
import gatefold.server.delivery.Entitlements;
import gatefold.server.delivery.LinkSigner;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Signed stream URLs for buyers: the same signed tokens as download links (one key set, one
 * verifier), with the format {@code stream}, which no download link has, so a stream URL can
 * never be spent as a download. Each request re-checks the entitlement: a refund silences the
 * player at its next request.
 */
public final class StreamLinks {

    /** The format claim of a stream token. */
    public static final String AUDIO = "stream";
    /** Long enough to listen through an album with pauses; the library hands out fresh ones at each visit. */
    public static final Duration LIFETIME = Duration.ofHours(6);

    private final LinkSigner signer;
    private final Entitlements entitlements;
    private final Catalog catalog;
    private final URI publicUrl;
    private final Clock clock;

    public StreamLinks(LinkSigner signer, Entitlements entitlements, Catalog catalog, URI publicUrl, Clock clock) {
        this.signer = signer;
        this.entitlements = entitlements;
        this.catalog = catalog;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** Every track of a music purchase the purchase opens now as a stream URL (on a pre-order, those available now). */
    public List<Stream> audio(Entitlement entitlement) {
        return catalog.release(entitlement.releaseId()).filter(r -> r.kind().equals("music")).map(r -> catalog.files(r).stream()
                .filter(f -> f.role().equals("track") && entitlement.opens(f)).map(f -> new Stream(f.id(), "audio", url(entitlement, f))).toList())
                .orElse(List.of());
    }

    private String url(Entitlement entitlement, ReleaseFile track) {
        return publicUrl + "/listen/" + signer.sign(new DownloadLink(entitlement.id(), track.id(), AUDIO,
                clock.instant().plus(LIFETIME)));
    }

    /** Which purchase and track a stream token names, once it is checked: signed, unexpired, for a purchase still held. */
    public record Granted(Entitlement entitlement, String fileId) {
    }

    public Granted check(String token) {
        LinkSigner.Verdict verdict = signer.verify(token, clock.instant());
        if (verdict instanceof LinkSigner.Expired) {
            throw Refusal.forbidden("stream_expired", "This stream link has expired; open your library again for a fresh one.");
        }
        if (!(verdict instanceof LinkSigner.Valid valid) || !valid.link().format().equals(AUDIO)) {
            throw Refusal.forbidden("stream_invalid", "This is not a valid stream link.");
        }
        Entitlement entitlement = entitlements.byId(valid.link().entitlementId())
                .orElseThrow(() -> Refusal.forbidden("stream_invalid", "This is not a valid stream link."));
        if (!entitlement.isActive() && !opensFile(entitlement, valid.link().fileId())) {
            if (entitlement.status().holds()) {
                throw Refusal.forbidden("not_released_yet", "This is a pre-order: this track plays from the release date.");
            }
            throw Refusal.forbidden("purchase_" + entitlement.status(), "This purchase is " + entitlement.status()
                    + "; it can no longer be played.");
        }
        return new Granted(entitlement, valid.link().fileId());
    }

    /** A pre-order plays the tracks the artist made available now. */
    private boolean opensFile(Entitlement entitlement, String fileId) {
        return catalog.release(entitlement.releaseId()).stream().flatMap(r -> catalog.files(r).stream())
                .anyMatch(f -> f.id().equals(fileId) && entitlement.opens(f));
    }
}
