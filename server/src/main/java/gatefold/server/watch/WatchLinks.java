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
 * finished playlist only once. Every request verifies its token's signature and re-checks the
 * purchase, the stream and a rental's window in the database, or (a segment, or a playlist of a
 * purchase to own) takes this instance's look-ups for the same purchase from under {@link #RECHECK}.
 */
public final class WatchLinks {

    public static final String HLS = "hls";
    public static final Duration LIFETIME = Duration.ofHours(6);
    public static final Duration VIEWING = Duration.ofHours(12);
    /**
     * How long a purchase's look-ups stand on this instance: well under a segment's 6 s, so a refund
     * stops playback within the next segment. Measured on two busy cores (bench phase 9, 64 viewers),
     * the three look-ups per request were most of the serving path's time on Java threads; with them
     * remembered, Gatefold's CPU per GiB sent went from 5.2 to 2.2 s.
     */
    static final Duration RECHECK = Duration.ofSeconds(2);
    private final LinkSigner signer;
    private final Entitlements entitlements;
    private final FilmStreams streams;
    private final Rentals rentals;
    private final URI publicUrl;
    private final Clock clock;
    /** This instance's look-ups from a moment ago, by purchase and stream: see {@link #RECHECK}. */
    private final Recently<Checked> recent;

    public WatchLinks(LinkSigner signer, Entitlements entitlements, FilmStreams streams, Rentals rentals, URI publicUrl,
                      Clock clock) {
        this.signer = signer;
        this.entitlements = entitlements;
        this.streams = streams;
        this.rentals = rentals;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.recent = new Recently<>(clock, RECHECK);
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

    /** A check, and whether it found a purchase to own (no rental: nothing about it ends with time). */
    private record Checked(Viewing viewing, boolean owned) {
    }

    /**
     * A segment's check: the token's signature every time, then {@link #check}'s look-ups (never
     * starting a rental's clock), or this instance's look-ups for the same purchase and stream
     * within {@link #RECHECK}, whichever of the viewing's tokens they were made for.
     */
    Viewing checkSegment(String token) {
        DownloadLink link = verified(token);
        return recent.get(heldKey(link), () -> new Checked(held(link, false), false)).viewing();
    }

    /**
     * A playlist's check, which starts a rental's clock: a rental is looked up afresh every time
     * (its end stops the next playlist); a purchase to own may take look-ups from within {@link #RECHECK}.
     */
    Viewing checkPlaylist(String token) {
        DownloadLink link = verified(token);
        Checked checked = recent.recent(heldKey(link));
        if (checked != null && checked.owned()) {
            return checked.viewing();
        }
        Viewing viewing = held(link, true);
        recent.remember(heldKey(link), new Checked(viewing, rentals.of(viewing.entitlement().id()).isEmpty()));
        return viewing;
    }

    private static String heldKey(DownloadLink link) {
        return link.entitlementId() + "/" + link.fileId();
    }

    /** Checks a token: signed, unexpired, for a purchase still held and a rental still running ({@code starting} starts its clock). */
    Viewing check(String token, boolean starting) {
        return held(verified(token), starting);
    }

    /** The link a token carries, if it is signed, unexpired and a viewing link. */
    private DownloadLink verified(String token) {
        LinkSigner.Verdict verdict = signer.verify(token, clock.instant());
        if (verdict instanceof LinkSigner.Expired) {
            throw Refusal.forbidden("stream_expired", "This viewing link has expired; open your library again to keep watching.");
        }
        if (!(verdict instanceof LinkSigner.Valid valid) || !valid.link().format().equals(HLS)) {
            throw Refusal.forbidden("stream_invalid", "This is not a valid viewing link.");
        }
        return valid.link();
    }

    /** The viewing a verified link opens: its purchase still held, a rental still running, the stream still offered. */
    private Viewing held(DownloadLink link, boolean starting) {
        Entitlement entitlement = entitlements.byId(link.entitlementId())
                .orElseThrow(() -> Refusal.forbidden("stream_invalid", "This is not a valid viewing link."));
        if (!entitlement.isActive()) {
            throw Refusal.forbidden("purchase_" + entitlement.status(), "This purchase is " + entitlement.status()
                    + "; the film can no longer be watched.");
        }
        rentals.admit(entitlement.id(), starting);
        FilmStream stream = streams.stream(link.fileId()).filter(s -> s.releaseId().equals(entitlement.releaseId()))
                .orElseThrow(() -> Refusal.notFound("This film is no longer offered in this version."));
        return new Viewing(entitlement, stream);
    }
}
