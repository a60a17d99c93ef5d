package gatefold.server.media;

import gatefold.server.albums.AlbumZip;
import gatefold.server.albums.ItemBytes;
import gatefold.server.albums.Playlist;
import gatefold.server.albums.ZipItem;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.FileNames;
import gatefold.server.delivery.ReleaseFormats;
import gatefold.server.storefront.Covers;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A whole release as one zip in a format: {@code 01 Title.flac} ... , the cover as
 * {@code cover.jpg}, the extras (a booklet, say) and an {@code .m3u} playlist, named
 * {@code Artist - Title (FLAC).zip}. Laid out from files already made, so nothing is
 * stored per fan and the zip can start, and resume, at once.
 */
final class AlbumLayout {

    private final BlobStore store;
    private final Covers covers;

    AlbumLayout(BlobStore store, Covers covers) {
        this.store = store;
        this.covers = covers;
    }

    String name(ReleaseMedia release, AudioFormat format) {
        return FileNames.albumZip(release.artistName(), release.release().title(), format.label());
    }

    /** The zip, once every track in it is made; else what is still being prepared. */
    ReleaseFormats.Served zip(ReleaseMedia release, AudioFormat format, List<ReleaseFormats.Served> tracks,
                              java.util.Collection<DerivedFile> made) {
        java.util.Map<String, Long> crcs = crcs(release, made);
        int ready = 0;
        for (ReleaseFormats.Served served : tracks) {
            if (served instanceof ReleaseFormats.NotOffered not) {
                return not;
            }
            ready += served instanceof ReleaseFormats.File file && crcs.containsKey(file.blobKey()) ? 1 : 0;
        }
        List<ReleaseFile> extras = release.files().stream().filter(f -> f.role().equals("extra")).toList();
        if (ready < tracks.size() || extras.stream().anyMatch(f -> f.crc32() == null)) {
            return new ReleaseFormats.Preparing("The album in " + format.label() + " is being prepared (" + ready + " of "
                    + tracks.size() + " tracks ready).", FormatShelf.ASK_AGAIN);
        }
        List<ZipItem> items = new ArrayList<>();
        List<Playlist.Track> playlist = new ArrayList<>();
        Instant newest = Instant.EPOCH;
        for (int i = 0; i < tracks.size(); i++) {
            ReleaseFormats.File file = (ReleaseFormats.File) tracks.get(i);
            ReleaseFile track = release.tracks().get(i);
            items.add(new ZipItem(file.name(), file.size(), crcs.get(file.blobKey()), file.made(), file.blobKey(),
                    bytes(file.blobKey())));
            long seconds = release.check(track).map(MediaCheck::durationMs).map(ms -> Math.round(ms / 1000.0)).orElse(-1L);
            playlist.add(new Playlist.Track(file.name(), release.artistName(), track.trackTitle(), seconds));
            newest = newest.isAfter(file.made()) ? newest : file.made();
        }
        cover(release).ifPresent(items::add);
        for (ReleaseFile extra : extras) {
            items.add(new ZipItem(FileNames.safe(extra.name()), extra.size(), extra.crc32(), extra.createdAt(), extra.blobKey(),
                    bytes(extra.blobKey())));
        }
        String zipName = name(release, format);
        String base = zipName.substring(0, zipName.length() - ".zip".length());
        items.add(ZipItem.ofBytes(base + ".m3u", Playlist.m3u(playlist), newest));
        return new ReleaseFormats.Zip(AlbumZip.of(unique(items)), zipName, newest);
    }

    /**
     * The CRC-32 of every file an album of this release may hold, by blob key: originals once
     * verified, and the release's derived files as the caller read them.
     */
    private static java.util.Map<String, Long> crcs(ReleaseMedia release, java.util.Collection<DerivedFile> made) {
        java.util.Map<String, Long> crcs = new java.util.HashMap<>();
        release.files().stream().filter(f -> f.crc32() != null).forEach(f -> crcs.put(f.blobKey(), f.crc32()));
        made.forEach(d -> crcs.put(d.blobKey(), d.crc32()));
        return crcs;
    }

    private Optional<ZipItem> cover(ReleaseMedia release) {
        return release.cover().flatMap(cover -> {
            try {
                return covers.jpeg(cover, DeriveJob.COVER_SIZE).map(jpeg -> ZipItem.ofBytes("cover.jpg", jpeg, cover.createdAt()));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    private ItemBytes bytes(String blobKey) {
        return (offset, length) -> store.get(BlobKey.of(blobKey), ByteRange.of(offset, offset + length - 1));
    }

    /** Extras named like a track or the cover get a number, so every entry has its own name. */
    private static List<ZipItem> unique(List<ZipItem> items) {
        List<ZipItem> out = new ArrayList<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (ZipItem item : items) {
            String name = item.name();
            for (int n = 2; !taken.add(name.toLowerCase(java.util.Locale.ROOT)); n++) {
                int dot = item.name().lastIndexOf('.');
                name = dot > 0 ? item.name().substring(0, dot) + " (" + n + ")" + item.name().substring(dot) : item.name() + " " + n;
            }
            out.add(name.equals(item.name()) ? item : item.withName(name));
        }
        return out;
    }
}
