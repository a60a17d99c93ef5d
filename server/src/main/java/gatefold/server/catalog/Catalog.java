package gatefold.server.catalog;

import gatefold.server.common.Fields;
import gatefold.server.accounts.Artist;
import gatefold.server.accounts.Slugs;
import gatefold.server.common.Ids;
import gatefold.server.common.Refusal;
import gatefold.server.db.Sql;
import gatefold.storage.BlobStore;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Releases and their files. Every call takes the artist and answers 404 for a release
 * that is not theirs. Bytes stream into the store; rows are written only after the blob
 * is complete, and a blob is deleted only when no file refers to it any more.
 */
public final class Catalog {

    private final Jdbi jdbi;
    private final BlobStore store;
    private final CatalogBlobs blobs;
    private final CatalogLimits limits;
    private final Predicate<String> releaseHasSales;
    private final ReleaseListeners listeners = new ReleaseListeners();
    private final StorageQuota quota;

    public Catalog(Jdbi jdbi, BlobStore store, CatalogLimits limits, Predicate<String> releaseHasSales) {
        this.jdbi = jdbi;
        this.store = store;
        this.blobs = new CatalogBlobs(jdbi, store);
        this.limits = limits;
        this.releaseHasSales = releaseHasSales;
        this.quota = new StorageQuota(jdbi);
    }

    Jdbi jdbi() {
        return jdbi;
    }

    CatalogDao dao() {
        return jdbi.onDemand(CatalogDao.class);
    }

    CatalogBlobs blobs() {
        return blobs;
    }

    BlobStore store() {
        return store;
    }

    CatalogLimits limits() {
        return limits;
    }

    StorageQuota quota() {
        return quota;
    }

    // ---- releases

    public Release create(Artist artist, Fields body) {
        if (!body.has("title") || !body.has("kind") || !body.has("pricing")) {
            throw Refusal.invalid("'title', 'kind' and 'pricing' are required.");
        }
        Instant now = Instant.now();
        Release blank = Release.draft(Ids.next("rel"), artist.id(), artist.defaultCurrency(), now).build();
        Release edited = ReleaseEdit.apply(blank, body, artist);
        CatalogDao dao = dao();
        String slug = edited.slug().isEmpty()
                ? Slugs.unique(Slugs.of(edited.title(), "release"), s -> dao.releaseSlugTaken(artist.id(), s))
                : edited.slug();
        if (!edited.slug().isEmpty() && dao.releaseSlugTaken(artist.id(), slug)) {
            throw Refusal.conflict("You already have a release with the slug '" + slug + "'.");
        }
        Release release = withSlug(edited, slug);
        try {
            dao.insertRelease(release);
        } catch (UnableToExecuteStatementException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            throw Refusal.conflict("You already have a release with the slug '" + slug + "'; try again.");
        }
        return release;
    }

    public List<Release> releases(Artist artist) {
        return dao().releasesOf(artist.id());
    }

    /** The store's most recently changed published releases, newest first (for feeds). */
    public List<Release> latestPublished(int limit) {
        return dao().latestPublished(limit);
    }

    /** The artist's release, or 404 whether it is missing or someone else's. */
    public Release owned(Artist artist, String releaseId) {
        return dao().release(releaseId).filter(r -> r.artistId().equals(artist.id()))
                .orElseThrow(() -> Refusal.notFound("No such release."));
    }

    public Optional<Release> release(String releaseId) {
        return dao().release(releaseId);
    }

    public Optional<Release> releaseBySlug(String artistId, String slug) {
        return dao().releaseBySlug(artistId, slug);
    }

    public Release update(Artist artist, String releaseId, Fields body) {
        Release current = owned(artist, releaseId);
        Release edited = ReleaseEdit.apply(current, body, artist);
        List<String> trackOrder = body.strings("trackOrder", 1000, 40).orElse(null);
        CatalogDao dao = dao();
        if (!edited.slug().equals(current.slug()) && dao.releaseSlugTaken(artist.id(), edited.slug())) {
            throw Refusal.conflict("You already have a release with the slug '" + edited.slug() + "'.");
        }
        List<ReleaseFile> reordered = trackOrder == null ? List.of() : reorderTracks(current, trackOrder);
        try {
            jdbi.useTransaction(h -> {
                CatalogDao tx = h.attach(CatalogDao.class);
                tx.updateRelease(edited);
                reordered.forEach(tx::updateFile);
            });
        } catch (UnableToExecuteStatementException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            throw Refusal.conflict("That slug was just taken; choose another.");
        }
        changed(edited.id());
        return edited;
    }

    private List<ReleaseFile> reorderTracks(Release release, List<String> order) {
        List<ReleaseFile> tracks = files(release).stream().filter(f -> f.role().equals("track")).toList();
        if (order.size() != tracks.size() || !new HashSet<>(order).equals(new HashSet<>(tracks.stream().map(ReleaseFile::id).toList()))) {
            throw Refusal.invalid("'trackOrder' must list every track file id of this release exactly once.");
        }
        List<ReleaseFile> out = new ArrayList<>();
        for (ReleaseFile f : tracks) {
            out.add(f.withPosition(order.indexOf(f.id()) + 1));
        }
        return out;
    }

    public Release publish(Artist artist, String releaseId) {
        Release release = owned(artist, releaseId);
        if (files(release).stream().noneMatch(f -> !f.role().equals("cover"))) {
            throw Refusal.conflict("Add at least one file a fan can download before publishing.");
        }
        listeners.problemWith(release).ifPresent(problem -> {
            throw Refusal.conflict(problem);
        });
        Release published = release.edit().status(ReleaseStatus.PUBLISHED).updatedAt(Instant.now()).build();
        dao().updateRelease(published);
        changed(published.id());
        listeners.published(published);
        return published;
    }

    /** Deletes a release without sales, its files and its unfinished uploads. */
    public void delete(Artist artist, String releaseId) {
        Release release = owned(artist, releaseId);
        if (releaseHasSales.test(release.id())) {
            throw Refusal.conflict("This release has sales, so buyers keep access to it; unpublish it instead.");
        }
        CatalogDao dao = dao();
        List<ReleaseFile> files = dao.filesOf(release.id());
        List<Upload> uploads = dao.uploadsOf(release.id());
        jdbi.useTransaction(h -> {
            CatalogDao tx = h.attach(CatalogDao.class);
            uploads.forEach(u -> tx.deleteUpload(u.id()));
            files.forEach(f -> tx.deleteFile(f.id()));
            tx.deleteRelease(release.id());
        });
        uploads.forEach(blobs::abortQuietly);
        files.forEach(f -> blobs.release(f.blobKey()));
    }

    // ---- files

    public List<ReleaseFile> files(Release release) {
        return dao().filesOf(release.id());
    }

    public Optional<ReleaseFile> file(String fileId) {
        return dao().file(fileId);
    }

    public ReleaseFile ownedFile(Artist artist, String releaseId, String fileId) {
        Release release = owned(artist, releaseId);
        return dao().file(fileId).filter(f -> f.releaseId().equals(release.id()))
                .orElseThrow(() -> Refusal.notFound("No such file."));
    }

    /**
     * Streams a body into the store as the named file (replacing one of that name), computing
     * size and SHA-256 as the bytes pass and taking the type from the bytes themselves.
     */
    public ReleaseFile putFile(Artist artist, String releaseId, String rawName, Optional<String> role, InputStream body,
                               long declaredLength) {
        Release release = owned(artist, releaseId);
        String name = FileRules.checkName(rawName);
        return new StreamedPut(this).put(artist, release, name, role, body, declaredLength);
    }

    public ReleaseFile changeFile(Artist artist, String releaseId, String fileId, Fields body) {
        ReleaseFile file = ownedFile(artist, releaseId, fileId);
        Release release = owned(artist, releaseId);
        String name = body.has("name") ? FileRules.checkName(body.requiredString("name", 255)) : file.name();
        String role = body.has("role") ? body.requiredString("role", 10) : file.role();
        FileRules.check(release.kind(), role, file.contentType());
        int position = body.integer("position", 1, 100_000).map(Long::intValue).orElse(file.position());
        String title = body.has("title") ? body.string("title", 300).map(String::strip).filter(t -> !t.isEmpty()).orElse(null)
                : file.title();
        boolean availableNow = body.raw("availableNow").map(n -> {
            if (!n.isBoolean()) {
                throw Refusal.invalid("'availableNow' must be true or false.");
            }
            return n.booleanValue();
        }).orElse(file.availableNow());
        ReleaseFile changed = file.withPlace(name, role, position, title).withAvailableNow(availableNow);
        try {
            dao().updateFile(changed);
        } catch (UnableToExecuteStatementException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            throw Refusal.conflict("This release already has a file named '" + name + "'.");
        }
        changed(releaseId);
        return dao().file(file.id()).orElseThrow();
    }

    public void deleteFile(Artist artist, String releaseId, String fileId) {
        ReleaseFile file = ownedFile(artist, releaseId, fileId);
        dao().deleteFile(file.id());
        blobs.release(file.blobKey());
        changed(releaseId);
    }

    public long storageUsed(Artist artist) {
        return storageUsedBy(artist.id());
    }

    public long storageUsedBy(String artistId) {
        return dao().storageUsed(artistId);
    }

    // ---- what other features hear of

    /** Hears that a release (or one of its files) changed, after the change is stored. */
    @FunctionalInterface
    public interface ReleaseWatcher {
        void changed(String releaseId);
    }

    /** Adds a watcher; watchers run on the request that made the change and must not fail it. */
    public void watch(ReleaseWatcher watcher) {
        listeners.watch(watcher);
    }

    /** Told after each publish (a second one too: listeners keep their own record of what they did once). */
    public void afterPublishing(java.util.function.Consumer<Release> listener) {
        listeners.afterPublishing(listener);
    }

    /** Adds a check that may refuse publishing with a reason the artist can act on. */
    public void checkBeforePublishing(java.util.function.Function<Release, Optional<String>> check) {
        listeners.checkBeforePublishing(check);
    }

    void changed(String releaseId) {
        listeners.changed(releaseId);
    }

    private static Release withSlug(Release r, String slug) {
        return r.edit().slug(slug).build();
    }
}
