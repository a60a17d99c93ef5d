package gatefold.server.watch;

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
 * Signed film URLs: the same signed tokens as download links, with the format {@code hls}
 * (which no download link has) and the stream key as the file. The library hands out a master
 * playlist URL that lasts {@link #LIFETIME}; fetching it issues a per-viewing token that lasts
 * {@link #VIEWING}, long enough to resume a film paused for hours, since a player fetches a
 * finished playlist only once. Every request re-checks the purchase and a rental's window.
 */
public final class WatchLinks {

    public static final String HLS = "hls";
    public static final Duration LIFETIME = Duration.ofHours(6);
    public static final Duration VIEWING = Duration.ofHours(12);
    private final LinkSigner signer;
    private final Entitlements entitlements;
    private final FilmStreams streams;
    private final Rentals rentals;
    private final URI publicUrl;
    private final Clock clock;

    public WatchLinks(LinkSigner signer, Entitlements entitlements, FilmStreams streams, Rentals rentals, URI publicUrl,
                      Clock clock) {
        this.signer = signer;
        this.entitlements = entitlements;
        this.streams = streams;
        this.rentals = rentals;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** The film's master playlist for a purchase, once it is packaged (and while a rental can still be watched). */
    public List<Stream> hls(Entitlement entitlement) {
        if (!entitlement.isActive()) {
            return List.of();
        }
        return streams.current(entitlement.releaseId()).map(s -> List.of(new Stream(s.fileId(), "hls",
                publicUrl + "/watch/" + token(entitlement.id(), s, LIFETIME) + "/master.m3u8"))).orElse(List.of());
    }

    String token(String entitlementId, FilmStream stream, Duration lifetime) {
        return signer.sign(new DownloadLink(entitlementId, stream.streamKey(), HLS, clock.instant().plus(lifetime)));
    }

    /** Who may watch what: checked on every playlist and segment. */
    record Viewing(Entitlement entitlement, FilmStream stream) {
    }

    /** Checks a token: signed, unexpired, for a purchase still held and a rental still running ({@code starting} starts its clock). */
    Viewing check(String token, boolean starting) {
        LinkSigner.Verdict verdict = signer.verify(token, clock.instant());
        if (verdict instanceof LinkSigner.Expired) {
            throw Refusal.forbidden("stream_expired", "This viewing link has expired; open your library again to keep watching.");
        }
        if (!(verdict instanceof LinkSigner.Valid valid) || !valid.link().format().equals(HLS)) {
            throw Refusal.forbidden("stream_invalid", "This is not a valid viewing link.");
        }
        Entitlement entitlement = entitlements.byId(valid.link().entitlementId())
                .orElseThrow(() -> Refusal.forbidden("stream_invalid", "This is not a valid viewing link."));
        if (!entitlement.isActive()) {
            throw Refusal.forbidden("purchase_" + entitlement.status(), "This purchase is " + entitlement.status()
                    + "; the film can no longer be watched.");
        }
        rentals.admit(entitlement.id(), starting);
        FilmStream stream = streams.stream(valid.link().fileId()).filter(s -> s.releaseId().equals(entitlement.releaseId()))
                .orElseThrow(() -> Refusal.notFound("This film is no longer offered in this version."));
        return new Viewing(entitlement, stream);
    }
}
