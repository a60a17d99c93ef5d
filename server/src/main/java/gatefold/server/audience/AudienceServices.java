package gatefold.server.audience;

import gatefold.server.accounts.Accounts;
import gatefold.server.catalog.Catalog;
import gatefold.server.delivery.Entitlements;
import gatefold.server.jobs.Jobs;
import gatefold.server.mail.MailOut;
import gatefold.server.mail.Mailer;
import gatefold.server.sales.Checkout;
import gatefold.server.sales.Orders;
import gatefold.server.sales.Sales;
import gatefold.server.storefront.Covers;
import java.net.URI;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * The audience feature, built and hooked into the catalog, checkout and job queue in one place.
 * Build it before the job workers start (it registers its job kinds).
 */
public record AudienceServices(Follows follows, Announcements announcements, Feeds feeds, Preorders preorders, Bundles bundles) {

    /** What the feature needs from the rest of the store. */
    public record Needs(Jdbi jdbi, Accounts accounts, Catalog catalog, Covers covers, Entitlements entitlements, Checkout checkout,
                        Orders orders, Sales sales, Jobs jobs, Mailer mailer, URI publicUrl, int mailsPerMinute) {
    }

    public static AudienceServices build(Needs n, Clock clock) {
        FollowerMails mails = new FollowerMails(n.publicUrl());
        Follows follows = new Follows(n.jdbi(), n.accounts(), n.mailer(), mails, clock);
        Announcements announcements = new Announcements(n.jdbi(), n.jobs(), follows, n.publicUrl(), clock);
        n.jobs().register(AnnouncementMails.KIND,
                new AnnouncementMails(n.jdbi(), announcements, follows, mails, new MailOut(n.jdbi(), n.mailer(), n.mailsPerMinute(), clock)));
        n.catalog().afterPublishing(announcements::published);
        FollowWishes wishes = new FollowWishes(n.jdbi(), n.orders(), follows);
        n.checkout().onFollowWish(wishes);
        n.orders().listen(wishes);
        Preorders preorders = new Preorders(n.jdbi(), n.catalog(), follows, n.mailer(), n.publicUrl(), clock);
        n.entitlements().holdWhile(preorders::isPreorder);
        n.catalog().watch(new PreorderDates(n.jdbi(), n.catalog(), n.mailer(), n.publicUrl())::changed);
        n.jobs().register(PreorderOpening.KIND, new PreorderOpening(preorders, clock));
        n.jobs().every(PreorderOpening.KIND, PreorderOpening.EVERY);
        Bundles bundles = new Bundles(n.jdbi(), n.catalog(), n.sales(), n.checkout(), n.accounts());
        BundleSales bundleSales = new BundleSales(n.jdbi(), bundles, n.sales(), n.orders(), n.jobs());
        bundles.selling(bundleSales);
        n.orders().listen(bundleSales);
        n.catalog().afterPublishing(bundleSales::published);
        n.jobs().register(BundleSales.GROW, bundleSales);
        return new AudienceServices(follows, announcements, new Feeds(n.catalog(), n.accounts(), n.covers(), n.publicUrl()),
                preorders, bundles);
    }
}
