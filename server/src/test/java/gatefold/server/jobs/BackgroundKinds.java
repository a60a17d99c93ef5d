package gatefold.server.jobs;

import gatefold.server.catalog.CatalogJobs;
import gatefold.server.dashboard.SignInLinks;
import gatefold.server.delivery.DownloadLog;
import gatefold.server.library.Library;
import gatefold.server.mail.FreeSaleNotices;
import gatefold.server.mail.SmtpMailer;
import gatefold.server.notify.WebhookDispatcher;
import gatefold.server.sales.AbandonedCheckouts;
import java.util.ArrayList;
import java.util.List;

/** The background work Gatefold keeps on the queue instead of each instance's own timers. */
final class BackgroundKinds {

    /** One row each, rescheduled by whichever instance runs it. */
    static final List<JobKind> RECURRING = List.of(CatalogJobs.VERIFY, CatalogJobs.JANITOR, DownloadLog.PURGE,
            AbandonedCheckouts.SWEEP, WebhookDispatcher.SEND, FreeSaleNotices.DIGESTS);

    /** Queued when there is something to do: one job per mail, per sign-in link asked for. */
    static final List<JobKind> TRIGGERED = List.of(SmtpMailer.SEND, Library.SIGN_IN_LINK, SignInLinks.SIGN_IN_LINK);

    static final List<JobKind> ALL = concat();

    private BackgroundKinds() {
    }

    private static List<JobKind> concat() {
        List<JobKind> all = new ArrayList<>(RECURRING);
        all.addAll(TRIGGERED);
        return List.copyOf(all);
    }
}
