package gatefold.server.delivery;

import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.config.DeliveryMode;
import gatefold.server.common.Refusal;
import gatefold.storage.BlobInfo;
import gatefold.storage.BlobStore;
import gatefold.storage.FileBlobStore;
import gatefold.storage.NoSuchBlobException;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fan clicks a download link: the link is verified, its entitlement re-checked (so a
 * refund ends it at once), the download counted if it starts at byte 0, and the bytes
 * handed over by redirect to a presigned store URL or streamed with full range support.
 */
public final class Deliveries {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

    static final Duration MIN_REDIRECT = Duration.ofMinutes(5);
    static final Duration MAX_REDIRECT = Duration.ofHours(12);
    private static final Duration STORE_CHECK_EVERY = Duration.ofSeconds(1);
    private final Jdbi jdbi;
    private final DataSource database;
    private final LinkSigner signer;
    private final Catalog catalog;
    private final BlobStore store;
    private final DeliveryMode mode;
    private final DownloadCounter counter;
    private final DownloadLog downloadLog;
    private final AddressHash addresses;
    private final URI publicUrl;
    private final Duration linkLifetime;
    private final StoreHealth storeHealth;
    private final RedirectUrls redirects;
    private final HotFiles hotFiles;

    public Deliveries(Jdbi jdbi, DataSource database, LinkSigner signer, Catalog catalog, BlobStore store, DeliveryMode mode,
                      DownloadCounter counter, DownloadLog downloadLog, AddressHash addresses, URI publicUrl,
                      Duration linkLifetime, long hotFileBytes) {
        this.jdbi = jdbi;
        this.database = database;
        this.signer = signer;
        this.catalog = catalog;
        this.store = store;
        this.mode = store instanceof FileBlobStore ? DeliveryMode.STREAM : mode;
        this.counter = counter;
        this.downloadLog = downloadLog;
        this.addresses = addresses;
        this.publicUrl = publicUrl;
        this.linkLifetime = linkLifetime;
        this.storeHealth = new StoreHealth(store, STORE_CHECK_EVERY);
        this.redirects = new RedirectUrls(store);
        this.hotFiles = new HotFiles(store, hotFileBytes);
    }

    /** One fresh link per file of the release, each valid for the link lifetime. */
    public record Download(String fileId, String name, String format, long size, String url) {
    }

    public List<Download> linksFor(Entitlement entitlement) {
        Release release = catalog.release(entitlement.releaseId()).orElseThrow();
        Instant expires = Instant.now().plus(linkLifetime);
        return catalog.files(release).stream()
                .map(f -> new Download(f.id(), f.name(), "original", f.size(),
                        publicUrl + "/d/" + signer.sign(new DownloadLink(entitlement.id(), f.id(), "original", expires))))
                .toList();
    }

    /**
     * The purchase and file a link opens, checked now: the link's signature and expiry, the
     * purchase still confirmed (so a refund ends it at once), the file still in the release.
     */
    private DeliveryTarget target(String token) {
        LinkSigner.Verdict verdict = signer.verify(token, Instant.now());
        if (verdict instanceof LinkSigner.Expired) {
            throw Refusal.gone("This download link has expired. Open your library at " + publicUrl
                    + "/library to get a fresh one.");
        }
        if (!(verdict instanceof LinkSigner.Valid valid)) {
            throw invalidLink();
        }
        DownloadLink link = valid.link();
        DeliveryTarget target = DeliveryTarget.find(database, link.entitlementId(), link.fileId()).orElseThrow(Deliveries::invalidLink);
        if (!target.isActive()) {
            throw Refusal.gone("This purchase was " + target.status() + ", so its downloads have ended."
                    + " If you think this is a mistake, contact the artist.");
        }
        if (!target.hasFile()) {
            throw Refusal.notFound("This file is no longer part of the release; open your library at "
                    + publicUrl + "/library for the current files.");
        }
        return target;
    }

    public void serve(Context ctx, String token) throws IOException {
        DeliveryTarget target = target(token);
        BlobInfo info = target.blob();
        BlobResponse.Plan plan = BlobResponse.plan(ctx, info);
        // Runs once the bytes are sure to flow (the store answered), before any is sent.
        Runnable countAndLog = () -> {
            boolean limited = target.downloadLimit() != null;
            if (limited && plan.startsAtZero() && !counter.tryCount(target.entitlementId(), target.fileId(), target.downloadLimit())) {
                throw Refusal.forbidden("download_limit", "You have used all " + target.downloadLimit()
                        + " downloads of this file for this purchase. Ask the artist to give you more.");
            }
            log(ctx, target, plan, !limited && plan.startsAtZero());
        };
        if (mode == DeliveryMode.REDIRECT) {
            storeHealth.requireUp();
            if (!plan.head()) {
                countAndLog.run();
            }
            URI url = redirects.url(target.blobKey(), redirectLifetime(info.size()), target.name(), target.contentType());
            // Status and Location only: no body for the web stack to copy on every click.
            ctx.status(302).header("Location", url.toString()).header("Cache-Control", "no-store");
            return;
        }
        try {
            BlobResponse.send(ctx, (key, range) -> hotFiles.open(key, range, info.size()), info, plan,
                    target.contentType(), target.name(), countAndLog);
        } catch (NoSuchBlobException e) {
            throw Refusal.notFound("This file is missing from the store; the artist has been told.");
        }
    }

    /**
     * The common click in redirect mode, decided without the web framework: a GET or HEAD
     * with no range or validator of a valid link whose purchase and file are in order, the
     * store up and a download left. Counts and logs it like {@link #serve} and returns where
     * to send the fan; empty when anything is out of the ordinary, and then nothing was
     * counted and {@link #serve} answers the request from scratch.
     */
    Optional<URI> quickRedirect(String token, boolean head, String userAgent, String address) {
        if (mode != DeliveryMode.REDIRECT || !storeHealth.isUp()) {
            return Optional.empty();
        }
        DeliveryTarget target;
        try {
            target = target(token);
        } catch (Refusal refused) {
            return Optional.empty();
        }
        URI url = redirects.url(target.blobKey(), redirectLifetime(target.size()), target.name(), target.contentType());
        if (!head) {
            boolean limited = target.downloadLimit() != null;
            // Everything that could fail is done before the count: once counted, the fan gets the redirect.
            DownloadLog.Entry entry = entry(target, null, true, !limited, userAgent, address);
            if (limited && !counter.tryCount(target.entitlementId(), target.fileId(), target.downloadLimit())) {
                return Optional.empty();
            }
            try {
                downloadLog.add(entry);
            } catch (RuntimeException e) {
                LOG.warn("could not log a download: {}", e.toString());
            }
        }
        return Optional.of(url);
    }

    private static Refusal invalidLink() {
        return Refusal.forbidden("invalid_link", "This download link is not valid.");
    }

    /** Long enough to fetch the file at about 1 MB/s, at least 5 minutes, at most 12 hours. */
    static Duration redirectLifetime(long size) {
        Duration bySize = Duration.ofSeconds(size / 1_000_000);
        return bySize.compareTo(MIN_REDIRECT) < 0 ? MIN_REDIRECT : bySize.compareTo(MAX_REDIRECT) > 0 ? MAX_REDIRECT : bySize;
    }

    private void log(Context ctx, DeliveryTarget target, BlobResponse.Plan plan, boolean countLater) {
        downloadLog.add(entry(target, plan.describeRange(), plan.startsAtZero(), countLater, ctx.userAgent(), ctx.ip()));
    }

    private DownloadLog.Entry entry(DeliveryTarget target, String byteRange, boolean fromZero, boolean countLater, String agent,
                                    String address) {
        return new DownloadLog.Entry(target.entitlementId(), target.releaseId(), target.fileId(), Instant.now(),
                byteRange, fromZero, countLater,
                agent == null ? null : agent.substring(0, Math.min(300, agent.length())), addresses.of(address));
    }

    public Map<String, Object> stats(Release release) {
        downloadLog.flush();
        DeliveryDao dao = jdbi.onDemand(DeliveryDao.class);
        Map<String, Long> perFile = new java.util.LinkedHashMap<>();
        Map<String, String> names = new java.util.HashMap<>();
        for (ReleaseFile f : catalog.files(release)) {
            perFile.put(f.id(), 0L);
            names.put(f.id(), f.name());
        }
        dao.countsPerFile(release.id()).forEach(c -> perFile.put(c.fileId(), c.downloads()));
        return Map.of(
                "releaseId", release.id(),
                "files", perFile.entrySet().stream().map(e -> Map.of("fileId", e.getKey(),
                        "name", names.getOrDefault(e.getKey(), ""), "downloads", e.getValue())).toList(),
                "days", dao.countsPerDay(release.id()).stream().map(d -> Map.of("date", d.downloadDay().toString(),
                        "downloads", d.downloads())).toList());
    }
}
