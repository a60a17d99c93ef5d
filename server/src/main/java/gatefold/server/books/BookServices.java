package gatefold.server.books;

import gatefold.server.media.Masters;
import gatefold.server.accounts.Accounts;
import gatefold.server.catalog.Catalog;
import gatefold.server.delivery.ReleaseFormats;
import gatefold.server.jobs.Jobs;
import gatefold.storage.BlobStore;
import java.nio.file.Path;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * Books stamped with their buyer, as the rest of Gatefold sees them: the stamping state and
 * choices, and the formats buyers get ({@link #formats}: the media shelf with book files
 * answered as each buyer's copy). Preparation runs on the job queue's media lane.
 */
public record BookServices(Stamping stamping, StampChoices choices, BookFormats formats, Masters masters) {

    /** What books need from the rest of the store. */
    public record Needs(Jdbi jdbi, BlobStore store, Catalog catalog, Accounts accounts, Jobs jobs, ReleaseFormats shelf,
                        Path workDir, boolean preparesHere) {
    }

    /** Templates of books being downloaded, kept parsed: 16 MiB covers a few hundred ordinary books. */
    static final long TEMPLATE_CACHE_BYTES = 16L * 1024 * 1024;

    public static BookServices build(Needs needs) {
        Masters masters = new Masters(needs.store(), needs.workDir());
        StampPreparer preparer = new StampPreparer(needs.jdbi(), needs.store(), masters, Clock.systemUTC());
        Stamping stamping = new Stamping(needs.jdbi(), needs.catalog(), needs.jobs(), preparer, needs.preparesHere());
        needs.jobs().register(BookJobs.PREPARE, new PrepareJob(needs.catalog(), preparer));
        BookCopies copies = new BookCopies(stamping, new TemplateCache(TEMPLATE_CACHE_BYTES), needs.store());
        BookFormats formats = new BookFormats(needs.shelf(), needs.catalog(), needs.accounts(), stamping, copies, needs.store());
        needs.catalog().watch(stamping::plan);
        needs.catalog().checkBeforePublishing(stamping::publishProblem);
        return new BookServices(stamping, new StampChoices(needs.jdbi(), needs.catalog(), stamping), formats, masters);
    }

    /** This instance prepares books: clear what a killed run left in the work dir. */
    public void startWork() {
        masters.clearLeftovers();
    }
}
