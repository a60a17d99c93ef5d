package gatefold.server.media;

import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.Refusal;
import gatefold.server.delivery.ReleaseFormats.File;
import gatefold.server.delivery.ReleaseFormats.NotOffered;
import gatefold.server.delivery.ReleaseFormats.Preparing;
import gatefold.server.delivery.ReleaseFormats.Served;
import gatefold.server.jobs.Job;
import gatefold.server.jobs.JobState;
import gatefold.server.jobs.Jobs;
import java.time.Clock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * What visitors and buyers hear in the player: per track the artist's preview (a clip, the
 * whole track or nothing, enforced here, not by hiding a button) and, for buyers, the whole
 * track. Both are loudness-normalised AAC files made on the job queue and kept as derived
 * files under content keys, so a changed clip is a new file and an old one is never served.
 */
public final class Previews {

    static final String FORMAT = "preview";
    static final String EXTENSION = "m4a";
    static final String CONTENT_TYPE = "audio/mp4";
    private static final PreviewChoice WHOLE = new PreviewChoice(PreviewChoice.Mode.WHOLE, null, null);
    private final Jdbi jdbi;
    private final MediaCatalog media;
    private final MediaWorkers workers;
    private final Jobs jobs;
    private final Clock clock;

    Previews(Jdbi jdbi, MediaCatalog media, MediaWorkers workers, Jobs jobs, Clock clock) {
        this.jdbi = jdbi;
        this.media = media;
        this.workers = workers;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Each track's choice, in track order (the default where the artist chose nothing). */
    public Map<String, PreviewChoice> choices(String releaseId) {
        Optional<ReleaseMedia> release = media.release(releaseId);
        if (release.isEmpty()) {
            return Map.of();
        }
        Map<String, PreviewChoice> chosen = chosen(release.get().tracks());
        Map<String, PreviewChoice> all = new LinkedHashMap<>();
        release.get().tracks().forEach(t -> all.put(t.id(), chosen.getOrDefault(t.id(), PreviewChoice.DEFAULT)));
        return all;
    }

    /** The artist's choice for one track of their release; the new preview is queued at once. */
    public PreviewChoice choose(Release owned, String fileId, PreviewChoice choice) {
        ReleaseMedia release = media.of(owned).orElseThrow(() -> Refusal.notFound("No such release."));
        release.track(fileId).orElseThrow(() -> Refusal.notFound("This release has no such track."));
        PreviewDao.Row row = PreviewDao.Row.of(fileId, choice, clock.instant());
        jdbi.useExtension(PreviewDao.class, dao -> {
            if (dao.update(row) == 0) {
                dao.insert(row);
            }
        });
        plan(media.of(owned).orElseThrow());
        return choice;
    }

    /** A track's preview for anyone: nothing for a draft, a track the artist keeps silent, or one not checked yet. */
    public Served preview(String fileId) {
        Optional<ReleaseMedia> release = media.catalog().file(fileId).flatMap(f -> media.release(f.releaseId()))
                .filter(r -> r.release().isOut());
        Optional<ReleaseFile> track = release.flatMap(r -> r.track(fileId));
        if (track.isEmpty()) {
            return new NotOffered("There is no track here to preview.");
        }
        return served(release.get(), track.get(), choice(track.get()));
    }

    /** The whole track, for a buyer whose entitlement the caller has checked. */
    public Served stream(String releaseId, String fileId) {
        Optional<ReleaseMedia> release = media.release(releaseId);
        Optional<ReleaseFile> track = release.flatMap(r -> r.track(fileId));
        if (track.isEmpty()) {
            return new NotOffered("This release has no such track.");
        }
        return served(release.get(), track.get(), WHOLE);
    }

    /** A track whose preview a page can play now, with its stable public URL. */
    public record Playable(String fileId, String title, String url) {
    }

    /** The tracks of a release whose preview is made, in track order, for the release page and the embed. */
    public List<Playable> playable(String releaseId) {
        Optional<ReleaseMedia> release = media.release(releaseId);
        if (release.isEmpty() || !release.get().release().kind().equals("music")) {
            return List.of();
        }
        Map<String, PreviewChoice> chosen = chosen(release.get().tracks());
        Map<String, String> keyOf = new LinkedHashMap<>();
        for (ReleaseFile track : release.get().tracks()) {
            key(release.get(), track, chosen.getOrDefault(track.id(), PreviewChoice.DEFAULT))
                    .ifPresent(k -> keyOf.put(track.id(), k.hex()));
        }
        java.util.Set<String> made = jdbi.withExtension(MediaDao.class, dao -> dao.derived(List.copyOf(keyOf.values()))).stream()
                .map(DerivedFile::derivedKey).collect(Collectors.toSet());
        return release.get().tracks().stream().filter(t -> made.contains(keyOf.get(t.id())))
                .map(t -> new Playable(t.id(), t.trackTitle(), "/preview/" + t.id())).toList();
    }

    private Served served(ReleaseMedia release, ReleaseFile track, PreviewChoice choice) {
        if (choice.mode() == PreviewChoice.Mode.NONE) {
            return new NotOffered("The artist offers no preview of this track.");
        }
        Optional<DerivedKey> key = key(release, track, choice);
        Optional<DerivedFile> made = key.flatMap(k -> jdbi.withExtension(MediaDao.class, dao -> dao.derived(k.hex())));
        if (made.isPresent()) {
            return new File(made.get().blobKey(), made.get().size(), track.trackTitle() + "." + EXTENSION, CONTENT_TYPE,
                    made.get().createdAt());
        }
        if (!workers.offered().previews()) {
            return new NotOffered("Previews cannot be made on this server: "
                    + workers.offered().absence().orElse("its ffmpeg cannot make them") + ".");
        }
        if (key.isEmpty()) {
            return new Preparing("The track is still being checked after its upload.", FormatShelf.ASK_AGAIN);
        }
        Optional<Job> job = jobs.byKeyPrefix(MediaJobs.deriveKey(release.release().id(), key.get())).stream().findFirst();
        if (job.isPresent() && job.get().state() == JobState.FAILED) {
            return new NotOffered("This track's preview could not be made: " + job.get().lastError());
        }
        if (job.isEmpty()) {
            enqueue(release, track, choice, key.get());
        }
        return new Preparing("This track's preview is being prepared.", FormatShelf.ASK_AGAIN);
    }

    /** The key of a track's preview under a choice; empty until its master is checked. */
    Optional<DerivedKey> key(ReleaseMedia release, ReleaseFile track, PreviewChoice choice) {
        Optional<MediaCheck> check = release.check(track).filter(c -> c.ok() && c.durationMs() != null);
        if (check.isEmpty() || track.sha256() == null) {
            return Optional.empty();
        }
        return choice.clipFor(check.get().durationMs()).map(clip -> DerivedKey.ofPreview(track.sha256(), clip));
    }

    PreviewChoice choice(ReleaseFile track) {
        return jdbi.withExtension(PreviewDao.class, dao -> dao.row(track.id())).map(PreviewDao.Row::choice)
                .orElse(PreviewChoice.DEFAULT);
    }

    private Map<String, PreviewChoice> chosen(List<ReleaseFile> tracks) {
        return jdbi.withExtension(PreviewDao.class, dao -> dao.rows(tracks.stream().map(ReleaseFile::id).toList())).stream()
                .collect(Collectors.toMap(PreviewDao.Row::fileId, PreviewDao.Row::choice));
    }

    /** The keys of every preview and whole-track stream the release's tracks have now, which the sweep keeps. */
    java.util.Set<String> wantedKeys(ReleaseMedia release) {
        Map<String, PreviewChoice> chosen = chosen(release.tracks());
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (ReleaseFile track : release.tracks()) {
            for (PreviewChoice choice : List.of(chosen.getOrDefault(track.id(), PreviewChoice.DEFAULT), WHOLE)) {
                key(release, track, choice).ifPresent(k -> keys.add(k.hex()));
            }
        }
        return keys;
    }

    /** Queues each track's preview and its whole-track stream that do not exist yet (music that is out, or sold). */
    void plan(ReleaseMedia release) {
        if (!workers.offered().previews() || !release.release().kind().equals("music")) {
            return;
        }
        Map<String, PreviewChoice> chosen = chosen(release.tracks());
        Map<DerivedKey, Runnable> wanted = new LinkedHashMap<>();
        for (ReleaseFile track : release.tracks()) {
            for (PreviewChoice choice : List.of(chosen.getOrDefault(track.id(), PreviewChoice.DEFAULT), WHOLE)) {
                key(release, track, choice).ifPresent(k -> wanted.put(k, () -> enqueue(release, track, choice, k)));
            }
        }
        java.util.Set<String> made = jdbi.withExtension(MediaDao.class, dao -> dao.derived(wanted.keySet().stream()
                .map(DerivedKey::hex).toList())).stream().map(DerivedFile::derivedKey).collect(Collectors.toSet());
        wanted.forEach((key, enqueue) -> {
            if (!made.contains(key.hex())) {
                enqueue.run();
            }
        });
    }

    private void enqueue(ReleaseMedia release, ReleaseFile track, PreviewChoice choice, DerivedKey key) {
        jobs.enqueue(MediaJobs.PREVIEW, MediaJobs.deriveKey(release.release().id(), key), PreviewJob.payload(track.id(), choice));
    }

}
