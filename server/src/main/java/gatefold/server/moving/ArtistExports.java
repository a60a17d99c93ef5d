package gatefold.server.moving;

import gatefold.server.accounts.Artist;
import gatefold.server.common.Ids;
import gatefold.server.common.Refusal;
import gatefold.server.db.Sql;
import gatefold.server.jobs.Job;
import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.JobState;
import gatefold.server.jobs.Jobs;
import gatefold.server.jobs.Lane;
import gatefold.server.security.SecretBox;
import gatefold.server.security.Tokens;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * "Export everything" for an artist on a shared store: the same archive as {@code gatefold
 * export --artist SLUG} (no secrets, no derived files), built by an {@link ArtistExportJob} into
 * the store under {@code exports/} (outside the upload quota, which counts release files), then
 * mailed to the artist as a link that works for {@link #LIFETIME}. One export at a time per
 * artist: asking while one is queued or being built answers that one.
 */
public final class ArtistExports {

    /** Heavy reading and writing of the store, like a transcode, so at most as many run at once as media jobs. */
    static final JobKind KIND = JobKind.of("moving.artist-export", Lane.MEDIA).withTimeout(Duration.ofHours(12)).withMaxAttempts(3);
    public static final Duration LIFETIME = Duration.ofDays(7);
    static final String PREFIX = "exports/";

    /** Where one export is, as the artist sees it. {@code progress} runs from 0 to 1; size and link once ready. */
    public record Status(String id, String state, double progress, Long size, Instant createdAt, Instant readyAt,
                         Instant expiresAt, String downloadUrl, String error) {
        public boolean busy() {
            return ExportState.of(state).busy();
        }
    }

    private final ExportRows rows;
    private final Jobs jobs;
    private final SecretBox secrets;
    private final URI publicUrl;
    private final Clock clock;

    public ArtistExports(Jdbi jdbi, Jobs jobs, SecretBox secrets, URI publicUrl, Clock clock) {
        this.rows = new ExportRows(jdbi);
        this.jobs = jobs;
        this.secrets = secrets;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** Starts an export, or answers the one already queued or being built. */
    public Status start(Artist artist) {
        for (int tries = 0; tries < 3; tries++) {
            Optional<ExportRows.Row> running = rows.building(artist.id());
            if (running.isPresent()) {
                if (!endIfFailed(running.get())) {
                    return status(running.get());
                }
                continue;
            }
            String id = Ids.ordered("exp");
            Instant now = clock.instant();
            try {
                // The row and its job together: a row without a job would hold the artist's one place forever.
                rows.jdbi().useTransaction(h -> {
                    rows.insert(h, id, artist.id(), PREFIX + artist.id() + "/" + id + ".tar", now);
                    rows.jobStarted(h, id, jobs.enqueue(h, KIND, key(id), "{}", now));
                });
            } catch (UnableToExecuteStatementException e) {
                if (Sql.isUniqueViolation(e)) {
                    continue; // another request started one a moment ago: answer that one
                }
                throw e;
            }
            return status(rows.find(id).orElseThrow());
        }
        throw Refusal.conflict("An export is being started; ask again in a moment.");
    }

    /** The artist's newest export, if any. */
    public Optional<Status> latest(Artist artist) {
        return rows.latest(artist.id()).map(row -> {
            endIfFailed(row);
            return status(rows.find(row.id()).orElse(row));
        });
    }

    /** A click on the link: the export it names, if the token is its own, still there and not expired. */
    ExportRows.Row download(String id, String token) {
        ExportRows.Row row = rows.find(id).filter(r -> r.state() == ExportState.READY && r.tokenHash() != null
                && Tokens.matches(token, r.tokenHash())).orElseThrow(() -> Refusal.notFound("No such export."));
        if (!row.expiresAt().isAfter(clock.instant())) {
            throw Refusal.gone("This export has expired; make a fresh one in your dashboard.");
        }
        return row;
    }

    static String key(String exportId) {
        return "export:" + exportId;
    }

    static String tokenLabel(String exportId) {
        return "artist_exports/" + exportId;
    }

    String url(String id, String token) {
        return publicUrl + ExportRoutes.PATH + id + "/" + token;
    }

    /** A build whose job ran out of attempts frees the artist to ask again; true if it had. */
    private boolean endIfFailed(ExportRows.Row row) {
        if (!row.busy() || row.jobId() == null) {
            return false;
        }
        Optional<Job> job = jobs.find(row.jobId());
        if (job.isPresent() && job.get().state() != JobState.FAILED) {
            return false;
        }
        String reason = job.flatMap(Job::error).orElse("the export stopped");
        return rows.fail(row.id(), reason.length() > 900 ? reason.substring(0, 900) : reason) == 1;
    }

    private Status status(ExportRows.Row row) {
        double progress = switch (row.state()) {
            case READY -> 1.0;
            case BUILDING -> row.jobId() == null ? 0 : jobs.find(row.jobId()).map(Job::progress).map(p -> p == null ? 0 : p)
                    .orElse(0.0);
            default -> 0;
        };
        String link = row.state() == ExportState.READY && row.sealedToken() != null
                ? url(row.id(), secrets.openString(tokenLabel(row.id()), row.sealedToken())) : null;
        return new Status(row.id(), row.state().id(), progress, row.size(), row.createdAt(), row.readyAt(), row.expiresAt(), link,
                row.error());
    }
}
