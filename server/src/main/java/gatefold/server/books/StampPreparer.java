package gatefold.server.books;

import gatefold.server.media.Masters;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.Ids;
import gatefold.server.common.Refusal;
import gatefold.server.db.Sql;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test-stamps one uploaded book file: prepares its template (see {@link BookStamps}), puts a
 * rewritten base into the store when preparation made one, and records the outcome. A file
 * that cannot be stamped is recorded as failed with the reason, never retried as it is.
 */
final class StampPreparer {

    private static final Logger LOG = LoggerFactory.getLogger(StampPreparer.class);
    private final Jdbi jdbi;
    private final BlobStore store;
    private final Masters masters;
    private final Clock clock;

    StampPreparer(Jdbi jdbi, BlobStore store, Masters masters, Clock clock) {
        this.jdbi = jdbi;
        this.store = store;
        this.masters = masters;
        this.clock = clock;
    }

    /** Prepares the file's current bytes now; another instance's record wins a race. */
    PreparedStamp prepare(Release release, ReleaseFile file) throws IOException {
        Optional<PreparedStamp> done = jdbi.withExtension(StampDao.class, dao -> dao.stamp(file.id(), file.blobKey()));
        if (done.isPresent()) {
            return done.get();
        }
        PreparedStamp stamp;
        try (Masters.Local master = masters.local(file.blobKey(), ".book")) {
            stamp = prepare(release, file, master.path());
        }
        try {
            jdbi.useExtension(StampDao.class, dao -> dao.insert(stamp));
        } catch (RuntimeException e) {
            forgetBase(stamp);
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            return jdbi.withExtension(StampDao.class, dao -> dao.stamp(file.id(), file.blobKey())).orElseThrow();
        }
        return stamp;
    }

    private PreparedStamp prepare(Release release, ReleaseFile file, Path master) throws IOException {
        PreparedBook book;
        try {
            book = file.contentType().equals(BookTypes.PDF) ? BookStamps.preparePdf(master, masters.workDir())
                    : BookStamps.prepareEpub(master, masters.workDir());
        } catch (Refusal refused) {
            return PreparedStamp.failed(file.id(), file.blobKey(), release.id(), refused.getMessage(), clock.instant());
        } catch (RuntimeException e) {
            // PDFBox and the zip reader throw unchecked on some damaged files: the file's fault, said plainly.
            LOG.info("book file {} could not be prepared for stamping: {}", file.id(), e.toString());
            return PreparedStamp.failed(file.id(), file.blobKey(), release.id(),
                    "This file could not be read for stamping (" + e.getMessage() + ").", clock.instant());
        }
        String baseKey = file.blobKey();
        if (book.derivedBase().isPresent()) {
            baseKey = storeBase(release, file, book.derivedBase().get());
        }
        return PreparedStamp.ready(file.id(), file.blobKey(), release.id(), book, baseKey, clock.instant());
    }

    /** Puts a rewritten base into the store under a fresh name (two racing preparers never share one), then deletes the local copy. */
    private String storeBase(Release release, ReleaseFile file, Path base) throws IOException {
        String extension = file.contentType().equals(BookTypes.PDF) ? ".pdf" : ".epub";
        BlobKey key = BlobKey.of("artists/" + release.artistId() + "/stamped/" + file.id() + "-"
                + Ids.next("base") + extension);
        try (InputStream in = Files.newInputStream(base)) {
            store.put(key, in, Files.size(base), file.contentType());
        } finally {
            Files.deleteIfExists(base);
        }
        return key.value();
    }

    /** Deletes the stored base of a record that was not kept (or is forgotten), unless it is the master itself. */
    void forgetBase(PreparedStamp stamp) {
        if (stamp.baseKey() != null && !stamp.baseKey().equals(stamp.blobKey())) {
            try {
                store.delete(BlobKey.of(stamp.baseKey()));
            } catch (RuntimeException e) {
                LOG.warn("could not delete the stamping base of file {}: {}", stamp.fileId(), e.getMessage());
            }
        }
    }
}
