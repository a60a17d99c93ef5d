package gatefold.server.cli.push;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The end of a push: every file sent, now or by an earlier run, is compared with the
 * SHA-256 the store computed from its own copy, waiting (with back-off) while the store
 * is still reading big files back.
 */
final class PushCheck {

    /** How long the store may take to read back what was sent, before the push stops waiting. */
    private static final Duration VERIFY_PATIENCE = Duration.ofMinutes(5);
    /** Extra patience per byte: the store reads each file once, and a film takes a while. */
    private static final long VERIFY_BYTES_PER_SECOND = 20L << 20;
    private static final Duration POLL_START = Duration.ofMillis(250);
    private static final Duration POLL_MAX = Duration.ofSeconds(5);

    /** A local file and the store's record of it. */
    record Sent(LocalFile file, CatalogClient.StoredFile stored) {
    }

    private final CatalogClient catalog;
    private final PushState state;
    private final Progress progress;

    PushCheck(CatalogClient catalog, PushState state, Progress progress) {
        this.catalog = catalog;
        this.state = state;
        this.progress = progress;
    }

    /** Compares every file sent (now or by an earlier run) with the SHA-256 the store computed. */
    int verify(CatalogClient.Release release, List<Sent> sent, List<String> problems) {
        long bytes = sent.stream().mapToLong(s -> s.file().size()).sum();
        Instant deadline = Instant.now().plus(VERIFY_PATIENCE).plusSeconds(bytes / VERIFY_BYTES_PER_SECOND);
        int verified = 0;
        for (Sent job : sent) {
            LocalFile file = job.file();
            try {
                if (!file.unchanged()) {
                    problems.add(file.name() + ": the file changed while it was being sent; run push again to send"
                            + " the new version.");
                    continue;
                }
                String local = file.sha256();
                state.localSha256(file, local);
                Optional<CatalogClient.StoredFile> checked = awaitCheck(release, job.stored(), deadline);
                if (checked.isEmpty()) {
                    problems.add(file.name() + ": the store has not finished checking this file yet; run push again"
                            + " later to confirm it arrived whole.");
                } else if (!local.equalsIgnoreCase(checked.get().sha256())) {
                    problems.add(file.name() + ": the store's copy differs from the file on disk (store sha256 "
                            + checked.get().sha256() + ", local " + local + "); run push again to send it again.");
                } else {
                    verified++;
                    progress.line(file.name() + "  sha256 " + local.substring(0, 16) + "…  matches the store");
                }
            } catch (IOException e) {
                problems.add(PushFailure.unreadable(file, e).about(file.name()).getMessage());
            } catch (PushFailure e) {
                problems.add(e.about(file.name()).getMessage());
                if (!e.onlyThisFile()) {
                    break;
                }
            }
        }
        return verified;
    }

    /** Polls the file until the store has read it back, backing off, or empty once the deadline passes. */
    private Optional<CatalogClient.StoredFile> awaitCheck(CatalogClient.Release release, CatalogClient.StoredFile stored,
                                                         Instant deadline) {
        CatalogClient.StoredFile current = stored;
        Duration wait = POLL_START;
        while (!current.verified() || current.sha256() == null) {
            if (Instant.now().plus(wait).isAfter(deadline)) {
                return Optional.empty();
            }
            sleep(wait);
            wait = wait.multipliedBy(2).compareTo(POLL_MAX) > 0 ? POLL_MAX : wait.multipliedBy(2);
            current = catalog.file(release.id(), stored.id()).orElseThrow(() -> new PushFailure(410,
                    "the file is no longer in the release; run push again to send it.", null));
        }
        return Optional.of(current);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushFailure(PushFailure.STOPPED, "interrupted while waiting for the store's check", e);
        }
    }
}
