package gatefold.server.delivery;

import gatefold.server.common.Refusal;
import gatefold.server.config.DeliveryMode;
import gatefold.storage.BlobStore;
import java.net.URI;
import java.time.Duration;
import javax.sql.DataSource;
import gatefold.server.db.Database;

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
    private final Handovers handovers;
    private final DownloadMetrics metrics;

    /** What a click is answered from: the formats a release is offered in, and where answers are counted. */
    public record Sources(ReleaseFormats formats, DownloadMetrics metrics) {
    }

    public Deliveries(Database database, LinkSigner signer, BlobStore store, DownloadLog downloadLog, DeliverySettings settings,
                      Sources sources) {
        this.database = database.dataSource();
        this.metrics = sources.metrics();
        this.signer = signer;
        this.downloadLog = downloadLog;
        this.settings = settings;
        this.allowances = new Allowances(database.jdbi(), settings.resumeWindow());
        this.storeHealth = new StoreHealth(store, STORE_CHECK_EVERY);
        this.redirects = new RedirectUrls(store);
        this.handovers = new Handovers(sources.formats(), new HotFiles(store, settings.hotFileBytes()));
    }

    public DeliveryMode mode() {
        return settings.mode();
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
        Handover handover;
        try {
            handover = handover(click);
        } catch (Refusal refused) {
            return new ClickDecision.Refused(refused);
        } catch (Handovers.NotReady notReady) {
            return new ClickDecision.Preparing(notReady.preparing.what(), notReady.preparing.retryAfter());
        }
        RequestPlan plan = RequestPlan.of(click, handover.info());
        if (!plan.sendsBytes()) {
            return new ClickDecision.Headers(handover, plan);
        }
        if (settings.mode() == DeliveryMode.STREAM || !handover.redirectable()) {
            return stream(click, handover, plan);
        }
        if (!storeHealth.isUp()) {
            return new ClickDecision.Refused(storeDown());
        }
        try {
            spend(click, handover, plan);
        } catch (Refusal refused) {
            return new ClickDecision.Refused(refused);
        }
        return new ClickDecision.Redirect(redirects.url(handover.redirectKey(),
                redirectLifetime(handover.info().size(), settings.resumeWindow()), handover.name(), handover.contentType()));
    }

    private ClickDecision stream(Click click, Handover handover, RequestPlan plan) {
        return new ClickDecision.Stream(handover, plan, () -> {
            try {
                spend(click, handover, plan);
            } catch (Refusal refused) {
                metrics.refused(refused.code());
                throw refused;
            }
            metrics.answered(DownloadMetrics.Answer.STREAM);
        });
    }

    /**
     * What a link opens, checked now: the link's signature and expiry, the purchase still
     * confirmed (so a refund ends it at once; a pre-order opens only the files available now),
     * the file still in the release and ready in the link's format.
     */
    private Handover handover(Click click) {
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
        if (target.opens()) {
            return handovers.of(link, target);
        }
        if (target.status() == EntitlementStatus.PREORDERED) {
            throw Refusal.forbidden("not_released_yet", "This is a pre-order: this download opens on the release date,"
                    + " and you will get a mail then.");
        }
        throw Refusal.gone("This purchase was " + target.status() + ", so its downloads have ended."
                + " If you think this is a mistake, contact the artist.");
    }

    /**
     * Charges and logs a request that hands over bytes. Everything that can fail on its own
     * (the log entry's address hash) is done first, so a counted download is never lost to
     * a later failure. Releases without a limit keep no windows: their downloads from byte 0
     * are counted with the batched log, off the fan's request.
     */
    private void spend(Click click, Handover handover, RequestPlan plan) {
        Integer limit = handover.target().downloadLimit();
        if (limit == null) {
            downloadLog.add(downloadLog.entry(handover, plan, click, plan.startsAtZero(), plan.startsAtZero()));
            if (plan.startsAtZero()) {
                metrics.started();
            }
            return;
        }
        DownloadLog.Entry entry = downloadLog.entry(handover, plan, click, true, false);
        long size = handover.info().size();
        Allowances.Outcome outcome = allowances.charge(new Allowances.Charge(handover.target().entitlementId(), handover.itemId(),
                handover.format(), size, limit, plan.requestedBytes(size), click.at()));
        if (outcome == Allowances.Outcome.SPENT) {
            throw Refusal.forbidden("download_limit", "You have used all " + limit
                    + " downloads of this " + (handover.itemId().equals(Handover.ALBUM) ? "album" : "file")
                    + " for this purchase. Ask the artist to give you more.");
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
