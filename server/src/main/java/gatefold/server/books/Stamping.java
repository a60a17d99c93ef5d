package gatefold.server.books;

import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.jobs.Jobs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Which book files are stamped and whether each is ready: every PDF and EPUB of a book
 * release is stamped unless the artist turned it off; each is prepared when it is stored
 * ({@link #plan}), and a release cannot be published while a stamped file cannot be
 * stamped ({@link #publishProblem}).
 */
public final class Stamping {

    /** One book file as the artist sees it: stamped or not, and how preparing it went. */
    public record FileStamp(String fileId, String name, boolean stamped, Status status, String reason, List<String> notes,
                            Long copyLength) {
    }

    /** Where a stamped file stands; {@code OFF} when the artist turned stamping off for it. */
    public enum Status implements gatefold.server.common.Named { READY, PREPARING, FAILED, OFF }

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final Jobs jobs;
    private final StampPreparer preparer;
    private final boolean preparesHere;

    Stamping(Jdbi jdbi, Catalog catalog, Jobs jobs, StampPreparer preparer, boolean preparesHere) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.jobs = jobs;
        this.preparer = preparer;
        this.preparesHere = preparesHere;
    }

    StampDao dao() {
        return jdbi.onDemand(StampDao.class);
    }

    /** Whether buyers of this file get a stamped copy. */
    boolean stamped(Release release, ReleaseFile file) {
        return BookTypes.stampable(release, file) && dao().choice(file.id()).orElse(true);
    }

    /** The book files of a release that are stamped. */
    List<ReleaseFile> stampedFiles(Release release) {
        if (!release.kind().equals("book")) {
            return List.of();
        }
        Set<String> off = new HashSet<>(dao().unstamped(release.id()));
        return catalog.files(release).stream().filter(f -> BookTypes.stampable(release, f) && !off.contains(f.id())).toList();
    }

    /** Queues preparation of every stamped file not prepared yet, and forgets what older bytes left. */
    public void plan(String releaseId) {
        catalog.release(releaseId).filter(r -> r.kind().equals("book")).ifPresent(release -> {
            List<ReleaseFile> files = stampedFiles(release);
            Map<String, PreparedStamp> prepared = prepared(release);
            for (ReleaseFile file : files) {
                if (!prepared.containsKey(file.id() + " " + file.blobKey())) {
                    // Again, if a finished run left no record (the store failed it every time): nothing else would retry it.
                    jobs.enqueueAgain(BookJobs.PREPARE, BookJobs.prepareKey(release.id(), file.id(), file.blobKey()),
                            BookJobs.payload(file.id(), file.blobKey()), java.time.Instant.now());
                }
            }
            forgetStale(release, prepared);
        });
    }

    private Map<String, PreparedStamp> prepared(Release release) {
        return dao().stampsOf(release.id()).stream().collect(Collectors.toMap(s -> s.fileId() + " " + s.blobKey(),
                Function.identity(), (a, b) -> a));
    }

    /** Records of files replaced or deleted since: their rewritten bases are deleted with them. */
    private void forgetStale(Release release, Map<String, PreparedStamp> prepared) {
        Set<String> current = catalog.files(release).stream().map(f -> f.id() + " " + f.blobKey()).collect(Collectors.toSet());
        for (Map.Entry<String, PreparedStamp> entry : prepared.entrySet()) {
            if (!current.contains(entry.getKey())) {
                PreparedStamp stale = entry.getValue();
                dao().forget(stale.fileId(), stale.blobKey());
                preparer.forgetBase(stale);
            }
        }
    }

    /** Why the release cannot be published yet, when a stamped file cannot be stamped (or is still being prepared). */
    public Optional<String> publishProblem(Release release) {
        for (ReleaseFile file : stampedFiles(release)) {
            Optional<PreparedStamp> stamp = dao().stamp(file.id(), file.blobKey());
            if (stamp.isEmpty() && preparesHere) {
                stamp = Optional.of(prepareNow(release, file));
            }
            if (stamp.isEmpty()) {
                return Optional.of("“" + file.name() + "” is still being prepared for stamping; publish again in a moment.");
            }
            if (!stamp.get().ready()) {
                return Optional.of("“" + file.name() + "” cannot be stamped with its buyer: " + stamp.get().reason()
                        + " Upload a copy that can be, or turn stamping off for this file.");
            }
        }
        return Optional.empty();
    }

    private PreparedStamp prepareNow(Release release, ReleaseFile file) {
        try {
            return preparer.prepare(release, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every book file of the release, stamped or not, with where its preparation stands. */
    public List<FileStamp> files(Release release) {
        Set<String> off = new HashSet<>(dao().unstamped(release.id()));
        Map<String, PreparedStamp> prepared = prepared(release);
        List<FileStamp> out = new ArrayList<>();
        for (ReleaseFile file : catalog.files(release)) {
            if (!BookTypes.stampable(release, file)) {
                continue;
            }
            PreparedStamp stamp = prepared.get(file.id() + " " + file.blobKey());
            boolean stamped = !off.contains(file.id());
            Status status = !stamped ? Status.OFF : stamp == null ? Status.PREPARING : stamp.ready() ? Status.READY : Status.FAILED;
            out.add(new FileStamp(file.id(), file.name(), stamped, status, stamp == null ? null : stamp.reason(),
                    stamp == null ? List.of() : stamp.noteLines(), stamp == null ? null : stamp.copyLength()));
        }
        return out;
    }

    /** The wording the release's copies carry: the artist's, or the default. */
    public String wording(String releaseId) {
        return dao().wording(releaseId).orElse(StampText.DEFAULT_WORDING);
    }
}
