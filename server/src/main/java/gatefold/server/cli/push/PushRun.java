package gatefold.server.cli.push;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One push of a folder into a release. Files go in name order; each is skipped when the
 * release already holds the same bytes, resumed when an earlier run left its upload open,
 * or started afresh. Parts of all files share one pool of {@code parallel} senders, so the
 * next file starts while the last parts of the one before are still on their way. At the
 * end every file sent is checked against the SHA-256 the store computed from its copy.
 */
final class PushRun {

    record Outcome(int filesSent, int alreadyUploaded, int verified, int partsSent, int partsAlreadyThere,
                   long bytesSent, List<String> problems) {

        boolean ok() {
            return problems.isEmpty();
        }
    }

    private enum Kind { ALREADY_UPLOADED, SENT_EARLIER, EMPTY, PARTS }

    /** One local file and what this run does with it. */
    private static final class Job {
        final LocalFile file;
        final Kind kind;
        CatalogClient.OpenUpload upload;
        Progress.FileProgress display;
        final Map<Integer, CatalogClient.Part> present = new HashMap<>();
        final List<CompletableFuture<CatalogClient.Part>> sending = new ArrayList<>();
        CatalogClient.StoredFile stored;

        Job(LocalFile file, Kind kind) {
            this.file = file;
            this.kind = kind;
        }
    }

    private final CatalogClient catalog;
    private final PartSender sender;
    private final PushState state;
    private final Progress progress;
    private final int parallel;
    private final Optional<String> role;
    private final int stopAfterParts;

    private final AtomicInteger partsStarted = new AtomicInteger();
    private final AtomicInteger partsSent = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicReference<PushFailure> halted = new AtomicReference<>();
    private final List<String> problems = new ArrayList<>();
    private int partsAlreadyThere;

    /**
     * How a push goes: {@code parallel} parts at once, files given {@code role} if set; {@code stopAfterParts}
     * below zero sends everything, otherwise the run stops as if cut off after that many parts.
     */
    record Way(int parallel, Optional<String> role, int stopAfterParts) { }

    PushRun(CatalogClient catalog, PartSender sender, PushState state, Progress progress, Way way) {
        this.catalog = catalog;
        this.sender = sender;
        this.state = state;
        this.progress = progress;
        this.parallel = way.parallel();
        this.role = way.role();
        this.stopAfterParts = way.stopAfterParts();
    }

    Outcome run(CatalogClient.Release release, List<LocalFile> files) {
        List<Job> jobs = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, "gatefold-push-part");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (LocalFile file : files) {
                if (halted.get() != null) {
                    break;
                }
                try {
                    Job job = plan(release, file);
                    jobs.add(job);
                    if (job.kind == Kind.PARTS) {
                        startSending(job, senders);
                    }
                } catch (PushFailure e) {
                    fail(file, e);
                }
            }
            for (Job job : jobs) {
                if (halted.get() != null) {
                    abandon(job);
                } else if (job.kind == Kind.PARTS || job.kind == Kind.EMPTY) {
                    finish(release, job);
                }
            }
        } finally {
            senders.shutdownNow();
        }
        int alreadyUploaded = (int) jobs.stream().filter(j -> j.kind == Kind.ALREADY_UPLOADED || j.kind == Kind.SENT_EARLIER).count();
        int filesSent = (int) jobs.stream().filter(j -> j.stored != null && (j.kind == Kind.PARTS || j.kind == Kind.EMPTY)).count();
        int verified = 0;
        if (halted.get() == null) {
            List<PushCheck.Sent> sent = jobs.stream().filter(j -> j.kind != Kind.ALREADY_UPLOADED && j.stored != null)
                    .map(j -> new PushCheck.Sent(j.file, j.stored)).toList();
            int already = (int) jobs.stream().filter(j -> j.kind == Kind.ALREADY_UPLOADED).count();
            verified = already + new PushCheck(catalog, state, progress).verify(release, sent, problems);
        } else {
            problems.add(halted.get().getMessage());
        }
        return new Outcome(filesSent, alreadyUploaded, verified, partsSent.get(), partsAlreadyThere, bytesSent.get(),
                List.copyOf(problems));
    }

    private Job plan(CatalogClient.Release release, LocalFile file) {
        // The file changed since an earlier run began sending it: those parts hold old bytes.
        state.staleUpload(file).ifPresent(stale -> {
            catalog.abort(stale);
            state.uploadDropped(file);
        });
        Optional<PushState.Entry> known = state.entry(file);
        CatalogClient.StoredFile there = release.files().get(file.name());
        if (there != null && there.size() == file.size()) {
            if (!there.verified() && known.isPresent() && there.id().equals(known.get().fileId())) {
                progress.settled(file.size());
                progress.line(file.name() + "  " + Sizes.of(file.size()) + "  sent earlier; waiting for the store's check");
                Job job = new Job(file, Kind.SENT_EARLIER);
                job.stored = there;
                return job;
            }
            if (there.verified() && there.sha256() != null && there.sha256().equalsIgnoreCase(localSha256(file, known))) {
                progress.settled(file.size());
                progress.line(file.name() + "  " + Sizes.of(file.size()) + "  already uploaded");
                Job job = new Job(file, Kind.ALREADY_UPLOADED);
                job.stored = there;
                return job;
            }
        }
        if (file.size() == 0) {
            Job job = new Job(file, Kind.EMPTY);
            job.display = progress.file(file.name(), 0, 0);
            return job;
        }
        Job job = new Job(file, Kind.PARTS);
        job.upload = resumeOrStart(release, file, known);
        job.upload.present().values().stream()
                .filter(p -> p.n() >= 1 && p.n() <= job.upload.partCount() && p.size() == job.upload.partLength(p.n()))
                .forEach(p -> job.present.put(p.n(), p));
        partsAlreadyThere += job.present.size();
        long bytesThere = job.present.values().stream().mapToLong(CatalogClient.Part::size).sum();
        job.display = progress.file(file.name(), file.size(), bytesThere);
        return job;
    }

    private CatalogClient.OpenUpload resumeOrStart(CatalogClient.Release release, LocalFile file,
                                                   Optional<PushState.Entry> known) {
        String earlier = known.map(PushState.Entry::uploadId).orElse(null);
        if (earlier != null) {
            Optional<CatalogClient.OpenUpload> open = catalog.upload(earlier);
            if (open.isPresent() && open.get().size() == file.size() && open.get().name().equals(file.name())) {
                return open.get();
            }
            open.ifPresent(u -> catalog.abort(u.uploadId()));
            progress.line(file.name() + ": the upload an earlier run began is gone from the store; starting it again");
        }
        CatalogClient.OpenUpload started = catalog.startUpload(release.id(), file, ContentTypes.guess(file.name()), role);
        state.uploadStarted(file, started.uploadId());
        return started;
    }

    private void startSending(Job job, ExecutorService senders) {
        for (int n = 1; n <= job.upload.partCount(); n++) {
            if (!job.present.containsKey(n)) {
                int part = n;
                job.sending.add(CompletableFuture.supplyAsync(() -> sendPart(job, part), senders));
            }
        }
    }

    private CatalogClient.Part sendPart(Job job, int n) {
        PushFailure stop = halted.get();
        if (stop != null) {
            throw stop;
        }
        if (stopAfterParts >= 0 && partsStarted.incrementAndGet() > stopAfterParts) {
            halted.compareAndSet(null, new PushFailure(PushFailure.STOPPED, "stopped after " + stopAfterParts
                    + " parts; run the same command again to send the rest.", null));
            throw halted.get();
        }
        try {
            CatalogClient.Part part = sender.send(job.upload, job.file, n, job.display::sent);
            partsSent.incrementAndGet();
            bytesSent.addAndGet(part.size());
            return part;
        } catch (PushFailure e) {
            halted.compareAndSet(null, e.about(job.file.name()));
            throw e;
        }
    }

    /** Waits for the file's parts, then has the store join them; empty files go in one PUT. */
    private void finish(CatalogClient.Release release, Job job) {
        LocalFile file = job.file;
        try {
            if (job.kind == Kind.EMPTY) {
                job.stored = catalog.putEmpty(release.id(), file.name(), role);
                state.fileStored(file, job.stored.id());
                job.display.done("sent");
                return;
            }
            List<CatalogClient.Part> parts = new ArrayList<>(job.present.values());
            for (CompletableFuture<CatalogClient.Part> sending : job.sending) {
                parts.add(sending.join());
            }
            parts.sort((a, b) -> Integer.compare(a.n(), b.n()));
            try {
                job.stored = catalog.complete(job.upload.uploadId(), parts);
            } catch (PushFailure e) {
                if (e.onlyThisFile()) {
                    // The store will not take these parts as they are; the next run starts this file afresh.
                    catalog.abort(job.upload.uploadId());
                    state.uploadDropped(file);
                }
                throw e;
            }
            state.fileStored(file, job.stored.id());
            job.display.done(doneNote(job));
        } catch (CompletionException e) {
            job.display.abandon();
            PushFailure cause = e.getCause() instanceof PushFailure f ? f : new PushFailure(0, String.valueOf(e.getCause()), e);
            halted.compareAndSet(null, cause.about(file.name()));
        } catch (PushFailure e) {
            job.display.abandon();
            fail(file, e);
        }
    }

    private static String doneNote(Job job) {
        int total = job.upload.partCount();
        String parts = total == 1 ? "1 part" : total + " parts";
        return job.present.isEmpty() ? "sent (" + parts + ")"
                : "sent (" + parts + ", " + job.present.size() + " already in the store)";
    }

    private void abandon(Job job) {
        if (job.display != null) {
            job.display.abandon();
        }
    }

    private void fail(LocalFile file, PushFailure e) {
        if (e.onlyThisFile()) {
            problems.add(e.about(file.name()).getMessage());
        } else {
            halted.compareAndSet(null, e.status() == PushFailure.STOPPED ? e : e.about(file.name()));
        }
    }

    private String localSha256(LocalFile file, Optional<PushState.Entry> known) {
        Optional<String> remembered = known.map(PushState.Entry::sha256);
        if (remembered.isPresent()) {
            return remembered.get();
        }
        try {
            String sha = file.sha256();
            state.localSha256(file, sha);
            return sha;
        } catch (IOException e) {
            throw PushFailure.unreadable(file, e);
        }
    }
}
