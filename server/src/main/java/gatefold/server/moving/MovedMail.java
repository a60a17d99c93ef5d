package gatefold.server.moving;

import gatefold.server.accounts.Artist;
import gatefold.server.common.Ids;
import gatefold.server.common.Refusal;
import gatefold.server.jobs.Job;
import gatefold.server.jobs.Jobs;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * "We moved": after an import on a new address, the artist tells every buyer where their music
 * lives now. Starting one queues a {@link MovedMailJob} (key {@code moved:<artist>:<id>}); the job
 * paces the mails and records each buyer before their mail leaves, in the same
 * {@code announcement_mails} table (and under the same unique key) as announcements, so no
 * buyer is mailed twice by one request, whatever restarts in between.
 */
public final class MovedMail {

    /** What the artist is told: the request's id, how many buyers it reaches, how many were mailed so far. */
    public record Progress(String id, int buyers, int mailed, String state) {
    }

    private final Jdbi jdbi;
    private final Jobs jobs;

    public MovedMail(Jdbi jdbi, Jobs jobs) {
        this.jdbi = jdbi;
        this.jobs = jobs;
    }

    public Progress start(Artist artist) {
        int buyers = buyers(jdbi, artist.id()).size();
        if (buyers == 0) {
            throw Refusal.conflict("No one has bought anything from you here yet: there is no one to tell.");
        }
        String id = Ids.ordered("moved");
        jobs.enqueue(MovedMailJob.KIND, key(artist.id(), id), "{}");
        return new Progress(id, buyers, 0, "queued");
    }

    public Progress progress(Artist artist, String id) {
        String key = key(artist.id(), id);
        Job job = jobs.byKeyPrefix(key).stream().filter(j -> j.key().equals(key)).findFirst()
                .orElseThrow(() -> Refusal.notFound("No such mail."));
        int mailed = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM announcement_mails WHERE announcement_id = :k")
                .bind("k", key).mapTo(Integer.class).one());
        return new Progress(id, buyers(jdbi, artist.id()).size(), mailed, job.state().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** How many buyers a mail would reach now. */
    public int buyers(String artistId) {
        return buyers(jdbi, artistId).size();
    }

    static String key(String artistId, String id) {
        return "moved:" + artistId + ":" + id;
    }

    /** Everyone holding one of the artist's releases, once each. Erased buyers' addresses are never mailed (mail.DoNotMail). */
    static List<String> buyers(Jdbi jdbi, String artistId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT e.email FROM entitlements e JOIN releases r ON r.id = e.release_id"
                        + " WHERE r.artist_id = :a AND e.status IN ('confirmed', 'preordered') ORDER BY e.email")
                .bind("a", artistId).mapTo(String.class).list());
    }
}
