package gatefold.server.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.http.Json;
import gatefold.server.jobs.JobContext;
import gatefold.server.jobs.JobHandler;
import gatefold.server.jobs.JobResult;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Makes one track's preview (or whole-track stream) and stores it under its content key. A
 * job whose key no longer matches (the artist moved the clip, or replaced the master) ends
 * without making anything: the new key has its own job.
 */
final class PreviewJob implements JobHandler {

    private final Jdbi jdbi;
    private final MediaCatalog media;
    private final Previews previews;
    private final Masters masters;
    private final Transcoder transcoder;
    private final DerivedSpace space;

    PreviewJob(Jdbi jdbi, MediaCatalog media, Previews previews, Masters masters, Transcoder transcoder, DerivedSpace space) {
        this.jdbi = jdbi;
        this.media = media;
        this.previews = previews;
        this.masters = masters;
        this.transcoder = transcoder;
        this.space = space;
    }

    static String payload(String fileId, PreviewChoice choice) {
        ObjectNode node = Json.mapper().createObjectNode().put("fileId", fileId).put("mode", choice.mode().id());
        if (choice.start() != null) {
            node.put("startMs", choice.start().toMillis());
        }
        if (choice.mode() == PreviewChoice.Mode.CLIP) {
            node.put("lengthMs", choice.length().toMillis());
        }
        return node.toString();
    }

    @Override
    public JobResult run(JobContext ctx) throws Exception {
        JsonNode payload = Json.mapper().readTree(ctx.payload());
        String wanted = ctx.key().substring(ctx.key().indexOf('/') + 1);
        PreviewChoice choice = PreviewChoice.of(payload.path("mode").asText(), number(payload, "startMs"), number(payload, "lengthMs"));
        Optional<ReleaseMedia> release = media.release(ctx.key().substring(0, ctx.key().indexOf('/')));
        Optional<ReleaseFile> track = release.flatMap(r -> r.track(payload.path("fileId").asText()));
        Optional<DerivedKey> key = track.flatMap(t -> previews.key(release.get(), t, choice));
        if (key.isEmpty() || !key.get().hex().equals(wanted)
                || jdbi.withExtension(MediaDao.class, dao -> dao.derived(wanted)).isPresent()) {
            return JobResult.done(); // superseded, or made already
        }
        Optional<String> full = space.refusal(release.get().release().artistId());
        if (full.isPresent()) {
            return JobResult.failed(full.get());
        }
        long durationMs = release.get().check(track.get()).orElseThrow().durationMs();
        PreviewClip clip = choice.clipFor(durationMs).orElseThrow();
        try (Masters.Local master = masters.local(track.get().blobKey(), ".master");
             Masters.Local out = masters.scratch("." + Previews.EXTENSION)) {
            ctx.progress(0.1);
            transcoder.preview(master.path(), clip, out.path(), MediaJobs.PREVIEW.timeout().minus(Duration.ofMinutes(1)));
            if (ctx.stillOwned()) {
                DerivedUpload.store(jdbi, space, new DerivedUpload.Of(release.get().release().artistId(), release.get().release().id(),
                        track.get().id(), Previews.FORMAT, Previews.EXTENSION, Previews.CONTENT_TYPE), key.get(), out.path());
            }
        }
        return JobResult.done();
    }

    private static Long number(JsonNode payload, String field) {
        return payload.hasNonNull(field) ? payload.get(field).asLong() : null;
    }
}
