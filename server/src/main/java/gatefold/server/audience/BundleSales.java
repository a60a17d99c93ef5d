package gatefold.server.audience;

import gatefold.server.sales.PurchaseStatus;
import gatefold.server.catalog.Release;
import gatefold.server.db.Sql;
import gatefold.server.jobs.JobContext;
import gatefold.server.jobs.JobHandler;
import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.JobResult;
import gatefold.server.jobs.Jobs;
import gatefold.server.jobs.Lane;
import gatefold.server.sales.Orders;
import gatefold.server.sales.Purchase;
import gatefold.server.sales.SaleListener;
import gatefold.server.sales.Sales;
import java.util.HashSet;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What buying a bundle does: on confirmation each other release in it becomes a free purchase
 * of the buyer's (source "bundle"), each with its own receipt mail and library entry; a refund
 * or dispute of the bundle does the same to every one. A release published later joins every
 * bundle that includes future releases and is given to their buyers, by a job, so it happens
 * once whichever instance published it. A bundle_grants row per (bundle purchase, release) is
 * written in the same transaction as the gift: a second attempt fails there and gives nothing.
 */
final class BundleSales implements SaleListener, JobHandler {

    static final JobKind GROW = JobKind.of("audience.bundle-release", Lane.MAIL);
    private static final Logger LOG = LoggerFactory.getLogger(BundleSales.class);
    private final Jdbi jdbi;
    private final Bundles bundles;
    private final Sales sales;
    private final Orders orders;
    private final Jobs jobs;

    BundleSales(Jdbi jdbi, Bundles bundles, Sales sales, Orders orders, Jobs jobs) {
        this.jdbi = jdbi;
        this.bundles = bundles;
        this.sales = sales;
        this.orders = orders;
        this.jobs = jobs;
    }

    @Override
    public void confirmed(Purchase purchase) {
        jdbi.onDemand(BundleDao.class).bundleOf(purchase.id()).flatMap(bundles::find).ifPresent(bundle -> {
            Set<String> owned = owned(purchase.email());
            for (Release r : bundles.releases(bundle)) {
                if (!owned.contains(r.id())) {
                    give(purchase.id(), r.id(), purchase.email());
                }
            }
        });
    }

    void confirmedBeforeRecorded(String purchaseId) {
        orders.byId(purchaseId).filter(p -> p.status() == PurchaseStatus.CONFIRMED).ifPresent(this::confirmed);
    }

    @Override
    public void refunded(Purchase purchase) {
        jdbi.onDemand(BundleDao.class).parts(purchase.id()).forEach(orders::refund);
    }

    @Override
    public void disputed(Purchase purchase) {
        jdbi.onDemand(BundleDao.class).parts(purchase.id()).forEach(orders::dispute);
    }

    private Set<String> owned(String email) {
        Set<String> owned = new HashSet<>();
        sales.confirmedPurchasesOf(email).forEach(p -> owned.add(p.releaseId()));
        return owned;
    }

    /** One release of a bundle to its buyer, once. */
    private void give(String bundlePurchaseId, String releaseId, String email) {
        try {
            sales.recordIncluded(releaseId, email, "bundle", bundlePurchaseId,
                    (h, partId) -> h.attach(BundleDao.class).grant(bundlePurchaseId, releaseId, partId));
        } catch (RuntimeException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            LOG.debug("release {} of bundle purchase {} was given already", releaseId, bundlePurchaseId);
        }
    }

    /** After a publish: queue the job that adds the release to growing bundles and gives it to their buyers. */
    void published(Release release) {
        if (!jdbi.onDemand(BundleDao.class).growing(release.artistId()).isEmpty()) {
            jobs.enqueue(GROW, release.id(), "{}");
        }
    }

    @Override
    public JobResult run(JobContext ctx) {
        Release release = bundles.releaseOf(ctx.key()).orElse(null);
        if (release == null || !release.isPublished()) {
            return JobResult.done();
        }
        BundleDao dao = jdbi.onDemand(BundleDao.class);
        for (Bundle bundle : dao.growing(release.artistId())) {
            if (!dao.releaseIds(bundle.id()).contains(release.id())) {
                try {
                    dao.addRelease(bundle.id(), release.id());
                } catch (RuntimeException e) {
                    if (!Sql.isUniqueViolation(e)) {
                        throw e;
                    }
                }
            }
            for (BundleDao.Buyer buyer : dao.buyers(bundle.id())) {
                if (!owned(buyer.email()).contains(release.id())) {
                    give(buyer.purchaseId(), release.id(), buyer.email());
                }
            }
        }
        return JobResult.done();
    }
}
