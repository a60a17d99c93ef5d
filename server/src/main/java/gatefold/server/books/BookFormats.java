package gatefold.server.books;

import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.Artist;
import gatefold.server.albums.AlbumZip;
import gatefold.server.albums.ZipItem;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.FileNames;
import gatefold.server.delivery.ReleaseFormats;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The formats a release's buyers get, with books stamped: a book file's link opens its
 * buyer's copy, its size is the copy's, and a book release comes as one zip ("All files")
 * holding the buyer's stamped copies and the other files. Everything else is answered by
 * the media feature's shelf, unchanged.
 */
public final class BookFormats implements ReleaseFormats {

    /** Its own id, not "original": a fan's choice of it must not become their format for music. */
    static final String ALL = "all";
    static final String ALL_LABEL = "All files";
    private final ReleaseFormats shelf;
    private final Catalog catalog;
    private final Accounts accounts;
    private final Stamping stamping;
    private final BookCopies copies;
    private final BlobStore store;

    BookFormats(ReleaseFormats shelf, Catalog catalog, Accounts accounts, Stamping stamping, BookCopies copies, BlobStore store) {
        this.shelf = shelf;
        this.catalog = catalog;
        this.accounts = accounts;
        this.stamping = stamping;
        this.copies = copies;
        this.store = store;
    }

    @Override
    public Served track(String releaseId, String fileId, String format) {
        return shelf.track(releaseId, fileId, format);
    }

    @Override
    public Served album(String releaseId, String format) {
        return shelf.album(releaseId, format);
    }

    @Override
    public Served original(Original file) {
        return copies.copy(file);
    }

    @Override
    public Served album(String releaseId, String format, String entitlementId) {
        Optional<Release> release = catalog.release(releaseId).filter(r -> r.kind().equals("book"));
        if (release.isEmpty()) {
            return shelf.album(releaseId, format, entitlementId);
        }
        if (!format.equals(ALL)) {
            return new NotOffered("A book comes as one zip of all its files, not in other formats.");
        }
        return zip(release.get(), entitlementId);
    }

    @Override
    public Offer offer(String releaseId) {
        Optional<Release> release = catalog.release(releaseId).filter(r -> r.kind().equals("book"));
        if (release.isEmpty()) {
            return shelf.offer(releaseId);
        }
        Map<String, FileOffer> files = new LinkedHashMap<>();
        List<Stamping.FileStamp> stamps = stamping.files(release.get());
        for (Stamping.FileStamp stamp : stamps) {
            if (stamp.status() == Stamping.Status.READY) {
                files.put(stamp.fileId(), new FileOffer(List.of("original"), Map.of("original", stamp.name()),
                        Map.of("original", stamp.copyLength())));
            }
        }
        List<AlbumOffer> albums = bookFiles(release.get()).isEmpty() ? List.of()
                : List.of(new AlbumOffer(ALL, ALL_LABEL, zipName(release.get()), zipSize(release.get(), stamps)));
        return new Offer(files, albums);
    }

    /**
     * The zip's size, the same for every buyer (their fields are fixed-width), once every stamped
     * file is ready and every other file verified; else null. Laid out from sizes alone: no bytes are read.
     */
    private Long zipSize(Release release, List<Stamping.FileStamp> stamps) {
        Map<String, Long> copies = new LinkedHashMap<>();
        for (Stamping.FileStamp stamp : stamps) {
            if (stamp.stamped()) {
                copies.put(stamp.fileId(), stamp.status() == Stamping.Status.READY ? stamp.copyLength() : null);
            }
        }
        List<ZipItem> items = new ArrayList<>();
        for (ReleaseFile file : catalog.files(release)) {
            Long size = copies.containsKey(file.id()) ? copies.get(file.id()) : file.crc32() == null ? null : file.size();
            if (size == null) {
                return null;
            }
            items.add(new ZipItem(FileNames.safe(file.name()), size, 0, file.createdAt(), file.id(), (offset, length) -> {
                throw new IllegalStateException("sizing only");
            }));
        }
        return AlbumZip.of(items).length();
    }

    private List<ReleaseFile> bookFiles(Release release) {
        return catalog.files(release).stream().filter(f -> BookTypes.stampable(release, f)).toList();
    }

    private String zipName(Release release) {
        String artist = accounts.byId(release.artistId()).map(Artist::name).orElse("");
        return FileNames.albumZip(artist, release.title(), "");
    }

    /** Every file of the book release, stamped ones as this buyer's copies; ready only once every stamped file is. */
    private Served zip(Release release, String entitlementId) {
        List<ZipItem> items = new ArrayList<>();
        Instant newest = Instant.EPOCH;
        for (ReleaseFile file : catalog.files(release)) {
            ZipItem item;
            if (stamping.stamped(release, file)) {
                Optional<BookCopies.Made> made = copies.made(entitlementId, release.id(), file.id(), file.blobKey());
                if (made.isEmpty()) {
                    return copies.notReady(release.id(), file.id(), file.blobKey(), file.name());
                }
                StampedCopy copy = made.get().copy();
                item = new ZipItem(FileNames.safe(file.name()), copy.length(), copy.crc32(), file.createdAt(),
                        "stamped:" + copy.fingerprint(), made.get().bytes(store));
            } else if (file.crc32() == null) {
                return new Preparing("“" + file.name() + "” is still being checked after its upload.", BookCopies.ASK_AGAIN);
            } else {
                String key = file.blobKey();
                item = new ZipItem(FileNames.safe(file.name()), file.size(), file.crc32(), file.createdAt(), key,
                        (offset, length) -> store.get(BlobKey.of(key), ByteRange.of(offset, offset + length - 1)));
            }
            items.add(item);
            newest = newest.isAfter(file.createdAt()) ? newest : file.createdAt();
        }
        return new Zip(AlbumZip.of(items), zipName(release), newest);
    }
}
