package gatefold.server.delivery;

import gatefold.server.common.Refusal;
import gatefold.server.config.DeliveryMode;
import gatefold.storage.BlobStore;
import java.net.URI;
import java.time.Duration;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * A fan clicks a download link. {@link #decide} is the one place that says what happens:
 * the link's signature and expiry, the purchase re-checked (a refund ends it at once), the
 * file still in the release, what the request asks for, whether it is free inside an open
 * download or starts a new one (and whether the limit allows it), and how the bytes go: a
 * redirect to a presigned store URL, or streamed. The route and the Jetty fast path only
 * adapt its answer to HTTP.
 */
public final class Deliveries {

    static final Duration MIN_REDIRECT = Duration.ofMinutes(5);
    private static final Duration STORE_CHECK_EVERY = Duration.ofSeconds(1);
    private final DataSource database;
    private final LinkSigner signer;
    private final DownloadLog downloadLog;
    private final DeliverySettings settings;
    private final Allowances allowances;
    private final StoreHealth storeHealth;
    private final RedirectUrls redirects;
    private final HotFiles hotFiles;
    private final DownloadMetrics metrics;

    public Deliveries(Jdbi jdbi, DataSource database, LinkSigner signer, BlobStore store, DownloadLog downloadLog,
                      DeliverySettings settings, DownloadMetrics metrics) {
        this.database = database;
        this.metrics = metrics;
        this.signer = signer;
        this.downloadLog = downloadLog;
        this.settings = settings;
        this.allowances = new Allowances(jdbi, settings.resumeWindow());
        this.storeHealth = new StoreHealth(store, STORE_CHECK_EVERY);
        this.redirects = new RedirectUrls(store);
        this.hotFiles = new HotFiles(store, settings.hotFileBytes());
    }

    public DeliveryMode mode() {
        return settings.mode();
    }

    /** Where streamed bytes come from: small files fans are fetching right now from memory, else the store. */
    BlobResponse.Source source(DeliveryTarget target) {
        return (key, range) -> hotFiles.open(key, range, target.size());
    }

    /** The decision for one click, counted in the metrics; spends nothing unless it says so (see {@link ClickDecision}). */
    public ClickDecision decide(Click click) {
        ClickDecision decision = resolve(click);
        count(decision);
        return decision;
    }

    /**
     * Counts how a click was answered. The fast path counts only the clicks it answers itself
     * (the route decides the rest again); a stream counts once its bytes are charged.
     */
    void count(ClickDecision decision) {
        if (decision instanceof ClickDecision.Refused refused) {
            metrics.refused(refused.refusal().code());
        } else if (decision instanceof ClickDecision.Redirect) {
            metrics.answered(DownloadMetrics.Answer.REDIRECT);
        } else if (decision instanceof ClickDecision.Headers) {
            metrics.answered(DownloadMetrics.Answer.HEADERS);
        }
    }

    /** The decision, not yet counted. */
    ClickDecision resolve(Click click) {
        DeliveryTarget target;
        try {
            target = target(click);
        } catch (Refusal refused) {
            return new ClickDecision.Refused(refused);
        }
        RequestPlan plan = RequestPlan.of(click, target.blob());
        if (!plan.sendsBytes()) {
            return new ClickDecision.Headers(target, plan);
        }
        if (settings.mode() == DeliveryMode.STREAM) {
            return stream(click, target, plan);
        }
        if (!storeHealth.isUp()) {
            return new ClickDecision.Refused(storeDown());
        }
        try {
            spend(click, target, plan);
        } catch (Refusal refused) {
            return new ClickDecision.Refused(refused);
        }
        return new ClickDecision.Redirect(redirects.url(target.blobKey(), redirectLifetime(target.size(), settings.resumeWindow()),
                target.name(), target.contentType()));
    }

    private ClickDecision stream(Click click, DeliveryTarget target, RequestPlan plan) {
        return new ClickDecision.Stream(target, plan, () -> {
            try {
                spend(click, target, plan);
            } catch (Refusal refused) {
                metrics.refused(refused.code());
                throw refused;
            }
            metrics.answered(DownloadMetrics.Answer.STREAM);
        });
    }

    /**
     * The purchase and file a link opens, checked now: the link's signature and expiry, the
     * purchase still confirmed (so a refund ends it at once), the file still in the release.
     */
    private DeliveryTarget target(Click click) {
        LinkSigner.Verdict verdict = signer.verify(click.token(), click.at());
        if (verdict instanceof LinkSigner.Expired) {
            throw Refusal.gone("This download link has expired. Open your library at " + settings.publicUrl()
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
                    + settings.publicUrl() + "/library for the current files.");
        }
        return target;
    }

    /**
     * Charges and logs a request that hands over bytes. Everything that can fail on its own
     * (the log entry's address hash) is done first, so a counted download is never lost to
     * a later failure. Releases without a limit keep no windows: their downloads from byte 0
     * are counted with the batched log, off the fan's request.
     */
    private void spend(Click click, DeliveryTarget target, RequestPlan plan) {
        Integer limit = target.downloadLimit();
        if (limit == null) {
            downloadLog.add(downloadLog.entry(target, plan, click, plan.startsAtZero(), plan.startsAtZero()));
            if (plan.startsAtZero()) {
                metrics.started();
            }
            return;
        }
        DownloadLog.Entry entry = downloadLog.entry(target, plan, click, true, false);
        Allowances.Outcome outcome = allowances.charge(new Allowances.Charge(target.entitlementId(), target.fileId(), "original",
                target.size(), limit, plan.requestedBytes(target.size()), click.at()));
        if (outcome == Allowances.Outcome.SPENT) {
            throw Refusal.forbidden("download_limit", "You have used all " + limit
                    + " downloads of this file for this purchase. Ask the artist to give you more.");
        }
        downloadLog.add(outcome == Allowances.Outcome.NEW_DOWNLOAD ? entry : entry.free());
        if (outcome == Allowances.Outcome.NEW_DOWNLOAD) {
            metrics.started();
        }
    }

    private static Refusal storeDown() {
        return Refusal.unavailable("The file store is not answering; try again shortly.", Duration.ofSeconds(30));
    }

    static Refusal invalidLink() {
        return Refusal.forbidden("invalid_link", "This download link is not valid.");
    }

    /**
     * How long a presigned URL lives: the time the file needs at about 1 MB/s plus five
     * minutes, never longer than the resume window. A refund cannot reach a URL already
     * handed out, so it should not outlive the download it was given for.
     */
    static Duration redirectLifetime(long size, Duration resumeWindow) {
        Duration needed = Duration.ofSeconds(size / 1_000_000).plus(MIN_REDIRECT);
        return needed.compareTo(resumeWindow) > 0 ? resumeWindow : needed;
    }
}
