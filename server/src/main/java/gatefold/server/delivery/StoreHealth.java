package gatefold.server.delivery;

import gatefold.storage.BlobStore;
import gatefold.storage.StoreUnavailableException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the store answers, asked at most once a second however many fans click at
 * once. Redirect mode hands fans a store URL without touching the store itself, so
 * without this a fan would be sent to a store that is down (and a download spent).
 */
final class StoreHealth {

    private record Answer(long atNanos, StoreUnavailableException failure) {
    }

    private final BlobStore store;
    private final long maxAgeNanos;
    private final AtomicBoolean asking = new AtomicBoolean();
    private volatile Answer last;

    /** The store was checked when it was opened, so it starts out up. */
    StoreHealth(BlobStore store, Duration maxAge) {
        this.store = store;
        this.maxAgeNanos = maxAge.toNanos();
        this.last = new Answer(System.nanoTime(), null);
    }

    /** Whether the store was up when last asked; one caller at a time asks again when the answer is old. */
    boolean isUp() {
        return current().failure() == null;
    }

    /** Throws the store's last failure while it is down; one caller at a time asks again when the answer is old. */
    void requireUp() {
        StoreUnavailableException failure = current().failure();
        if (failure != null) {
            throw failure;
        }
    }

    private Answer current() {
        Answer answer = last;
        if (System.nanoTime() - answer.atNanos() > maxAgeNanos && asking.compareAndSet(false, true)) {
            try {
                answer = ask();
                last = answer;
            } finally {
                asking.set(false);
            }
        }
        return answer;
    }

    private Answer ask() {
        try {
            store.checkReady();
            return new Answer(System.nanoTime(), null);
        } catch (StoreUnavailableException e) {
            return new Answer(System.nanoTime(), e);
        } catch (RuntimeException e) {
            return new Answer(System.nanoTime(), new StoreUnavailableException("the store did not answer: " + e.getMessage(), e));
        }
    }
}
