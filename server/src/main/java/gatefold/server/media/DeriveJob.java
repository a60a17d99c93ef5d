package gatefold.server.media;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.http.Json;
import gatefold.server.jobs.JobContext;
import gatefold.server.jobs.JobHandler;
import gatefold.server.jobs.JobResult;
import gatefold.server.storefront.Covers;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Makes one track in one format with every tag and the cover, stores it under its content
 * key, and records it. A job whose key no longer matches the release (the artist edited
 * it meanwhile) ends without making anything: the planner has queued the new key.
 */
final class DeriveJob implements JobHandler {

    /** The cover embedded in files: large enough for any player, small enough for every container. */
    static final int COVER_SIZE = 1200;
    private final Jdbi jdbi;
    private final MediaCatalog media;
    private final Masters masters;
    private final Transcoder transcoder;
    private final Covers covers;
    private final DerivedSpace space;

    DeriveJob(Jdbi jdbi, MediaCatalog media, Masters masters, Transcoder transcoder, Covers covers, DerivedSpace space) {
        this.jdbi = jdbi;
        this.media = media;
        this.masters = masters;
        this.transcoder = transcoder;
        this.covers = covers;
        this.space = space;
    }

    static String payload(String fileId, AudioFormat format) {
        return Json.mapper().createObjectNode().put("fileId", fileId).put("format", format.id()).toString();
    }

    @Override
    public JobResult run(JobContext ctx) throws Exception {
        JsonNode payload = Json.mapper().readTree(ctx.payload());
        String wanted = ctx.key().substring(ctx.key().indexOf('/') + 1);
        AudioFormat format = AudioFormat.fromId(payload.path("format").asText());
        Optional<ReleaseMedia> release = media.release(ctx.key().substring(0, ctx.key().indexOf('/')));
        Optional<ReleaseFile> track = release.flatMap(r -> r.track(payload.path("fileId").asText()));
        Optional<DerivedKey> key = track.flatMap(t -> release.get().key(t, format));
        if (key.isEmpty() || !key.get().hex().equals(wanted)
                || jdbi.withExtension(MediaDao.class, dao -> dao.derived(wanted)).isPresent()) {
            return JobResult.done(); // superseded by an edit, or made already
        }
        Optional<String> full = space.refusal(release.get().release().artistId());
        if (full.isPresent()) {
            return JobResult.failed(full.get());
        }
        make(ctx, release.get(), track.get(), format, key.get());
        return JobResult.done();
    }

    private void make(JobContext ctx, ReleaseMedia release, ReleaseFile track, AudioFormat format, DerivedKey key) throws Exception {
        try (Masters.Local master = masters.local(track.blobKey(), ".master");
             Masters.Local cover = masters.scratch(".jpg");
             Masters.Local out = masters.scratch("." + format.extension())) {
            Optional<byte[]> art = release.cover().flatMap(c -> jpeg(c));
            if (art.isPresent()) {
                Files.write(cover.path(), art.get());
            }
            ctx.progress(0.1);
            transcoder.encode(master.path(), release.check(track).flatMap(MediaCheck::recordedAudio), format,
                    release.tags(track), art.map(a -> cover.path()), out.path(),
                    MediaJobs.DERIVE.timeout().minus(Duration.ofMinutes(1)));
            ctx.progress(0.9);
            if (!ctx.stillOwned()) {
                return;
            }
            store(release, track, format, key, out);
        }
    }

    private Optional<byte[]> jpeg(ReleaseFile cover) {
        try {
            return covers.jpeg(cover, COVER_SIZE);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void store(ReleaseMedia release, ReleaseFile track, AudioFormat format, DerivedKey key, Masters.Local out)
            throws IOException {
        DerivedUpload.store(jdbi, space, new DerivedUpload.Of(release.release().artistId(), release.release().id(), track.id(),
                format.id(), format.extension(), format.contentType()), key, out.path());
    }
}
