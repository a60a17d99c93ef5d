package gatefold.server.moving;

import gatefold.server.common.ByteSizes;
import gatefold.server.jobs.JobContext;
import gatefold.server.jobs.JobHandler;
import gatefold.server.jobs.JobResult;
import gatefold.server.mail.Mail;
import gatefold.server.mail.MailText;
import gatefold.server.mail.Mailer;
import gatefold.server.security.SecretBox;
import gatefold.server.security.Tokens;
import gatefold.storage.BlobInfo;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Builds one dashboard export (key {@code export:<id>}): the artist's archive streams through an
 * {@link ArchivePipe} straight into the store, so nothing is held whole in memory or on disk. A
 * store's put shows a blob only once every byte arrived, so a run killed mid-way (even by
 * SIGKILL) leaves no half archive visible; the queue hands the job to the next run, which builds
 * it again from the start under the same key. Once ready, older exports of the artist go, and
 * the artist is mailed the link once (the queue's at-most-once effect).
 */
final class ArtistExportJob implements JobHandler {

    private final ExportRows rows;
    private final StoreExport export;
    private final BlobStore store;
    private final SecretBox secrets;
    private final Mailer mailer;
    private final ArtistExports exports;
    private final Clock clock;

    ArtistExportJob(ExportRows rows, StoreExport export, BlobStore store, SecretBox secrets, Mailer mailer, ArtistExports exports,
                    Clock clock) {
        this.rows = rows;
        this.export = export;
        this.store = store;
        this.secrets = secrets;
        this.mailer = mailer;
        this.exports = exports;
        this.clock = clock;
    }

    @Override
    public JobResult run(JobContext ctx) throws Exception {
        String id = ctx.key().substring("export:".length());
        ExportRows.Row row = rows.find(id).orElse(null);
        if (row == null || row.state() == ExportState.FAILED) {
            return JobResult.done(); // the artist left, or the export was given up
        }
        if (row.busy()) {
            rows.markBuilding(id);
            String slug = rows.jdbi().withHandle(h -> h.createQuery("SELECT slug FROM artists WHERE id = :a")
                    .bind("a", row.artistId()).mapTo(String.class).findOne()).orElse(null);
            if (slug == null) {
                return JobResult.done();
            }
            BlobInfo info = build(ctx, row, slug);
            if (!ctx.stillOwned()) {
                return JobResult.done(); // another run has it; it decides
            }
            publish(row, info);
        }
        ExportRows.Row ready = rows.find(id).orElseThrow();
        String token = secrets.openString(ArtistExports.tokenLabel(id), ready.sealedToken());
        ctx.once("mail", () -> mailer.send(mail(ready, exports.url(id, token))));
        return JobResult.done();
    }

    /** Writes the archive into the store under the export's key; the put runs beside the writer, fed by the pipe. */
    private BlobInfo build(JobContext ctx, ExportRows.Row row, String slug) throws Exception {
        ArchivePipe pipe = new ArchivePipe();
        BlobKey key = BlobKey.of(row.blobKey());
        FutureTask<BlobInfo> put = new FutureTask<>(() -> {
            try {
                return store.put(key, pipe.input(), BlobStore.UNKNOWN_LENGTH, "application/x-tar");
            } finally {
                pipe.readerStopped();
            }
        });
        Thread putter = new Thread(put, "export-put-" + row.id());
        putter.setDaemon(true);
        putter.start();
        try {
            export.write(StoreExport.Options.artist(slug), pipe.output(),
                    (done, total) -> ctx.progress(total == 0 ? 0.99 : 0.99 * done / total));
            pipe.output().close();
        } catch (Throwable e) {
            pipe.fail(e);
            putter.interrupt();
            putter.join(10_000);
            if (put.isDone() && !put.isCancelled()) {
                try {
                    put.get();
                } catch (ExecutionException refused) {
                    // The store refused first (full, down): that is the reason, not the pipe it closed.
                    throw refused.getCause() instanceof Exception cause ? cause : refused;
                }
            }
            throw e;
        }
        try {
            return put.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (InterruptedException e) {
            putter.interrupt();
            throw e;
        }
    }

    private void publish(ExportRows.Row row, BlobInfo info) {
        String token = Tokens.randomBase64(32);
        Instant now = clock.instant();
        List<ExportRows.Row> older = rows.jdbi().inTransaction(h -> rows.ready(h, row, info.size(), Tokens.hash(token),
                secrets.seal(ArtistExports.tokenLabel(row.id()), token), now, now.plus(ArtistExports.LIFETIME)));
        for (ExportRows.Row old : older) {
            ExportSweep.deleteQuietly(store, old.blobKey());
        }
    }

    private Mail mail(ExportRows.Row row, String url) {
        record Owner(String name, String email) {
        }
        Owner owner = rows.jdbi().withHandle(h -> h.createQuery("SELECT name, email FROM artists WHERE id = :a")
                .bind("a", row.artistId()).map((rs, c) -> new Owner(rs.getString(1), rs.getString(2))).one());
        String until = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", java.util.Locale.ENGLISH)
                .format(row.expiresAt().atZone(ZoneOffset.UTC));
        String text = "Hello " + MailText.line(owner.name(), 100) + ",\n\nYour export is ready: everything you have on this store"
                + " (releases, files, buyers, sales, codes) in one archive of " + ByteSizes.readable(row.size()) + ".\n\n"
                + url + "\n\nThe link works until " + until + "; a download that stops can carry on where it left off."
                + " Another Gatefold imports the archive with `gatefold import`.\n\nKeep this link to yourself: it is the key to"
                + " your buyers' addresses.\n";
        return new Mail(owner.email(), "Your export is ready", text);
    }
}
