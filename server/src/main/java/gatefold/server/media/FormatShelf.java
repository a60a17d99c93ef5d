package gatefold.server.media;

import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.FileNames;
import gatefold.server.common.Refusal;
import gatefold.server.delivery.ReleaseFormats;
import gatefold.server.jobs.Job;
import gatefold.server.jobs.Jobs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * The formats a release's buyers can have, answered for downloads, receipts and the API:
 * a track in a format is handed over only when its file for the release as it is now
 * exists; otherwise it is being prepared (and queued, if nothing was). Albums are laid out
 * by {@link AlbumLayout} from the same files.
 */
public final class FormatShelf implements ReleaseFormats {

    /** The format a link opens when the buyer chose none: lossless first, then the best-known lossy. */
    static final List<AudioFormat> DEFAULT_ORDER = List.of(AudioFormat.FLAC, AudioFormat.MP3_320, AudioFormat.MP3_V0,
            AudioFormat.AAC, AudioFormat.VORBIS, AudioFormat.OPUS, AudioFormat.ALAC, AudioFormat.WAV, AudioFormat.AIFF,
            AudioFormat.ORIGINAL);
    static final Duration ASK_AGAIN = Duration.ofSeconds(10);
    private final Jdbi jdbi;
    private final MediaCatalog media;
    private final MediaWorkers workers;
    private final FormatPlanner planner;
    private final Jobs jobs;
    private final AlbumLayout albums;

    FormatShelf(Jdbi jdbi, MediaCatalog media, MediaWorkers workers, FormatPlanner planner, Jobs jobs, AlbumLayout albums) {
        this.jdbi = jdbi;
        this.media = media;
        this.workers = workers;
        this.planner = planner;
        this.jobs = jobs;
        this.albums = albums;
    }

    @Override
    public Served track(String releaseId, String fileId, String formatId) {
        Optional<AudioFormat> format = format(formatId);
        Optional<ReleaseMedia> release = media.release(releaseId);
        if (format.isEmpty() || release.isEmpty()) {
            return new NotOffered("This release is not offered in that format.");
        }
        Optional<ReleaseFile> track = release.get().track(fileId);
        if (track.isEmpty()) {
            return new NotOffered("Only the original of this file is offered.");
        }
        return track(release.get(), track.get(), format.get());
    }

    /** For a click: the one file, looked up now; one not made and not queued is queued. */
    Served track(ReleaseMedia release, ReleaseFile track, AudioFormat format) {
        return served(release, track, format, key -> jdbi.withExtension(MediaDao.class, dao -> dao.derived(key)), true);
    }

    /** How a file in a format is served; {@code heal}: queue what should exist and is not on its way. */
    private Served served(ReleaseMedia release, ReleaseFile track, AudioFormat format,
                          Function<String, Optional<DerivedFile>> lookup, boolean heal) {
        MediaWorkers.Capabilities can = workers.offered();
        if (!release.formats(track, can).contains(format)) {
            return new NotOffered(FormatChoice.whyNot(release.release(), release.check(track).orElse(null), can, format)
                    .orElse("This track is not offered in " + format.label() + "."));
        }
        String name = trackName(release, track, format);
        if (format.isOriginal()) {
            return new File(track.blobKey(), track.size(), track.name(), track.contentType(), track.createdAt());
        }
        Optional<DerivedKey> key = release.key(track, format);
        if (key.isEmpty()) {
            return new Preparing("The track is still being checked after its upload.", ASK_AGAIN);
        }
        Optional<DerivedFile> made = lookup.apply(key.get().hex());
        if (made.isPresent()) {
            return new File(made.get().blobKey(), made.get().size(), name, format.contentType(), made.get().createdAt());
        }
        String what = "“" + track.trackTitle() + "” in " + format.label() + " is being prepared.";
        return heal ? waiting(release, key.get(), what) : new Preparing(what, ASK_AGAIN);
    }

    /** Not made yet: make sure it is on its way, and say so (or say it failed). */
    private Served waiting(ReleaseMedia release, DerivedKey key, String what) {
        String jobKey = MediaJobs.deriveKey(release.release().id(), key);
        Optional<Job> job = jobs.byKeyPrefix(jobKey).stream().findFirst();
        if (job.isEmpty()) {
            planner.plan(release);
        } else if (job.get().state() == gatefold.server.jobs.JobState.FAILED) {
            return new NotOffered("This format could not be made (" + job.get().lastError()
                    + "); the artist can see why. Choose another format.");
        }
        return new Preparing(what, ASK_AGAIN);
    }

    static String trackName(ReleaseMedia release, ReleaseFile track, AudioFormat format) {
        if (format.isOriginal()) {
            return track.name();
        }
        int width = Math.max(2, String.valueOf(release.tracks().size()).length());
        return FileNames.track(release.tracks().indexOf(track) + 1, width, track.trackTitle(), format.extension());
    }

    @Override
    public Served album(String releaseId, String formatId) {
        Optional<AudioFormat> format = format(formatId);
        Optional<ReleaseMedia> release = media.release(releaseId);
        if (format.isEmpty() || release.isEmpty() || release.get().tracks().isEmpty()
                || !albumFormats(release.get()).contains(format.get())) {
            return new NotOffered("This release is not offered as an album in that format.");
        }
        // One read of the release's derived files for every track and every CRC, not one per track.
        Map<String, DerivedFile> made = made(releaseId);
        return album(release.get(), format.get(), made, true);
    }

    private Served album(ReleaseMedia release, AudioFormat format, Map<String, DerivedFile> made, boolean heal) {
        List<Served> tracks = new ArrayList<>();
        for (ReleaseFile track : release.tracks()) {
            tracks.add(served(release, track, format, key -> Optional.ofNullable(made.get(key)), heal));
        }
        return albums.zip(release, format, tracks, made.values());
    }

    private Map<String, DerivedFile> made(String releaseId) {
        return jdbi.withExtension(MediaDao.class, dao -> dao.derivedOfRelease(releaseId)).stream()
                .collect(java.util.stream.Collectors.toMap(DerivedFile::derivedKey, d -> d, (a, b) -> a));
    }

    @Override
    public Offer offer(String releaseId) {
        Optional<ReleaseMedia> release = media.release(releaseId);
        if (release.isEmpty()) {
            return Offer.originalsOnly();
        }
        // One read of the release's derived files, and nothing queued: reading an offer changes nothing.
        Map<String, DerivedFile> made = made(releaseId);
        Function<String, Optional<DerivedFile>> lookup = key -> Optional.ofNullable(made.get(key));
        MediaWorkers.Capabilities can = workers.offered();
        Map<String, FileOffer> perTrack = new LinkedHashMap<>();
        for (ReleaseFile track : release.get().tracks()) {
            List<AudioFormat> formats = ordered(release.get().formats(track, can));
            Map<String, String> names = new LinkedHashMap<>();
            Map<String, Long> sizes = new LinkedHashMap<>();
            for (AudioFormat format : formats) {
                names.put(format.id(), trackName(release.get(), track, format));
                if (served(release.get(), track, format, lookup, false) instanceof File file) {
                    sizes.put(format.id(), file.size());
                }
            }
            perTrack.put(track.id(), new FileOffer(formats.stream().map(AudioFormat::id).toList(), names, sizes));
        }
        List<AlbumOffer> offers = new ArrayList<>();
        for (AudioFormat format : albumFormats(release.get())) {
            offers.add(new AlbumOffer(format.id(), format.label(), albums.name(release.get(), format),
                    album(release.get(), format, made, false) instanceof Zip zip ? zip.zip().length() : null));
        }
        return new Offer(perTrack, offers);
    }

    /** The formats every track has: the formats the whole album comes in, default first. */
    List<AudioFormat> albumFormats(ReleaseMedia release) {
        MediaWorkers.Capabilities can = workers.offered();
        List<AudioFormat> common = null;
        for (ReleaseFile track : release.tracks()) {
            List<AudioFormat> formats = release.formats(track, can);
            common = common == null ? new ArrayList<>(formats) : new ArrayList<>(common.stream().filter(formats::contains).toList());
        }
        return common == null ? List.of() : ordered(common);
    }

    static List<AudioFormat> ordered(List<AudioFormat> formats) {
        return DEFAULT_ORDER.stream().filter(formats::contains).toList();
    }

    private static Optional<AudioFormat> format(String id) {
        try {
            return Optional.of(AudioFormat.fromId(id));
        } catch (Refusal unknown) {
            return Optional.empty();
        }
    }
}
