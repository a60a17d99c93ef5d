package gatefold.server.media;

import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.jobs.Job;
import gatefold.server.jobs.JobState;
import gatefold.server.jobs.Jobs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the artist (and the API) sees of a release's formats: per format whether it is
 * ready, being made (with progress), failed (with the reason) or not offered (and why),
 * with sizes; what checking each master found; and whether anything stops publishing.
 */
public final class MediaStatus {

    private final MediaCatalog media;
    private final MediaWorkers workers;
    private final FormatShelf shelf;
    private final Jobs jobs;
    private final DerivedSpace space;
    private final Optional<CheckJob> local;
    private final FormatPlanner planner;

    MediaStatus(MediaCatalog media, FormatShelf shelf, DerivedSpace space, FormatWork work, Optional<CheckJob> local) {
        this.media = media;
        this.workers = work.workers();
        this.shelf = shelf;
        this.jobs = work.jobs();
        this.space = space;
        this.local = local;
        this.planner = work.planner();
    }

    /** {@code GET /api/releases/{id}/formats}. */
    public Map<String, Object> formats(Release release) {
        ReleaseMedia rm = media.of(release).orElseThrow();
        MediaWorkers.Capabilities can = workers.offered();
        Map<String, Job> byKey = jobs.byKeyPrefix(release.id() + "/").stream()
                .collect(Collectors.toMap(Job::key, Function.identity(), (a, b) -> a));
        List<Map<String, Object>> formats = new ArrayList<>();
        for (AudioFormat format : AudioFormat.values()) {
            formats.add(format(rm, format, can, byKey));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("releaseId", release.id());
        out.put("tools", can.absence().isEmpty() ? Map.of("available", true)
                : Map.of("available", false, "reason", can.absence().get()));
        out.put("formats", formats);
        out.put("tracks", rm.tracks().stream().map(t -> {
            Map<String, Object> track = new LinkedHashMap<>();
            track.put("fileId", t.id());
            track.put("title", t.trackTitle());
            check(t, rm.checks()).ifPresent(c -> track.put("check", c));
            return track;
        }).toList());
        out.put("derivedStorage", Map.of("used", space.used(release.artistId()), "cap", space.cap(release.artistId())));
        return out;
    }

    private Map<String, Object> format(ReleaseMedia rm, AudioFormat format, MediaWorkers.Capabilities can, Map<String, Job> jobs) {
        List<Map<String, Object>> tracks = new ArrayList<>();
        String reason = null;
        for (ReleaseFile track : rm.tracks()) {
            if (!rm.formats(track, can).contains(format)) {
                reason = reason != null ? reason : FormatChoice.whyNot(rm.release(), rm.check(track).orElse(null), can, format)
                        .orElse("not offered");
                continue;
            }
            tracks.add(track(rm, track, format, jobs));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", format.id());
        out.put("label", format.label());
        out.put("status", tracks.isEmpty() ? "unavailable" : overall(tracks));
        if (tracks.isEmpty() && reason != null) {
            out.put("reason", reason);
        }
        long size = tracks.stream().mapToLong(t -> t.get("size") instanceof Long l ? l : 0L).sum();
        out.put("size", tracks.stream().allMatch(t -> t.get("status").equals("ready")) && !tracks.isEmpty() ? size : null);
        out.put("tracks", tracks);
        return out;
    }

    private Map<String, Object> track(ReleaseMedia rm, ReleaseFile track, AudioFormat format, Map<String, Job> jobs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fileId", track.id());
        var served = shelf.track(rm, track, format);
        if (served instanceof gatefold.server.delivery.ReleaseFormats.File file) {
            out.put("status", "ready");
            out.put("size", file.size());
            return out;
        }
        Optional<Job> job = rm.key(track, format).map(k -> jobs.get(MediaJobs.deriveKey(rm.release().id(), k)));
        if (job.isPresent() && job.get().state() == JobState.FAILED) {
            out.put("status", "failed");
            out.put("error", job.get().lastError());
            out.put("jobId", job.get().id());
        } else {
            out.put("status", "building");
            job.map(Job::progress).ifPresent(p -> out.put("progress", p));
        }
        return out;
    }

    private static String overall(List<Map<String, Object>> tracks) {
        if (tracks.stream().anyMatch(t -> t.get("status").equals("failed"))) {
            return "failed";
        }
        return tracks.stream().allMatch(t -> t.get("status").equals("ready")) ? "ready" : "building";
    }

    /** Puts every failed job of the release back on the queue and plans what is missing; how many went back. */
    public int retry(Release release) {
        List<Job> failed = jobs.byKeyPrefix(release.id() + "/").stream().filter(j -> j.state() == JobState.FAILED).toList();
        failed.forEach(job -> jobs.retry(job.id()));
        planner.refresh(release.id());
        return failed.size();
    }

    /** What checking a file's current bytes found, for the file's JSON; empty for files that are not audio or video. */
    public Optional<Map<String, Object>> check(ReleaseFile file, Map<String, MediaCheck> checks) {
        if (!file.contentType().startsWith("audio/") && !file.contentType().startsWith("video/")) {
            return Optional.empty();
        }
        MediaCheck check = checks.get(file.id());
        Map<String, Object> out = new LinkedHashMap<>();
        if (check == null || !check.blobKey().equals(file.blobKey())) {
            out.put("state", workers.offered().absence().isPresent() ? "unchecked" : "checking");
            return Optional.of(out);
        }
        out.put("state", check.state().id());
        if (!check.ok()) {
            out.put("problem", check.problem());
            return Optional.of(out);
        }
        out.put("durationMs", check.durationMs());
        if (check.isAudio()) {
            out.put("sampleRate", check.sampleRate());
            out.put("bitDepth", check.bitDepth());
            out.put("channels", check.channels());
            out.put("description", check.audio().describe());
        } else {
            out.put("width", check.width());
            out.put("height", check.height());
        }
        return Optional.of(out);
    }

    /** The checks of a release's files, for {@link #check}. */
    public Map<String, MediaCheck> checks(Release release) {
        return media.of(release).map(ReleaseMedia::checks).orElse(Map.of());
    }

    private MediaCheck checkHere(ReleaseMedia rm, ReleaseFile track) {
        try {
            return local.get().checkNow(rm.release(), track);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Why the release cannot be published yet: a damaged master, or one still being checked;
     * empty when it can. Masters not checked yet are checked now when this instance has the tools.
     */
    public Optional<String> publishProblem(Release release) {
        if (workers.offered().absence().isPresent() || !release.kind().equals("music")) {
            return Optional.empty();
        }
        ReleaseMedia rm = media.of(release).orElseThrow();
        for (ReleaseFile track : rm.tracks()) {
            Optional<MediaCheck> check = rm.check(track);
            if (check.isPresent() && !check.get().ok()) {
                return Optional.of("“" + track.name() + "” cannot be published: " + check.get().problem()
                        + " Upload a good copy or delete the track.");
            }
            if (check.isEmpty() && local.isPresent()) {
                check = Optional.of(checkHere(rm, track));
                if (!check.get().ok()) {
                    return Optional.of("“" + track.name() + "” cannot be published: " + check.get().problem()
                            + " Upload a good copy or delete the track.");
                }
            }
            if (check.isEmpty()) {
                return Optional.of("“" + track.name() + "” is still being checked; publish again in a moment.");
            }
        }
        return Optional.empty();
    }
}
