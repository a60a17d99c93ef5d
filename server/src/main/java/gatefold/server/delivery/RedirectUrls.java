package gatefold.server.delivery;

import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Presigned store URLs for redirect mode, each reused for up to a minute. When a release
 * goes out and thousands of fans click at once, they are all sent to the same few URLs
 * instead of each costing a signature. A reused URL has up to a minute less left than a
 * fresh one; the five minutes every lifetime includes cover that, and no URL outlives the
 * lifetime it was asked for.
 */
final class RedirectUrls {

    static final Duration REUSE = Duration.ofMinutes(1);
    private static final int MAX_ENTRIES = 10_000;

    private record Key(String blobKey, Duration lifetime, String name, String contentType) {
    }

    private record Signed(URI url, long atNanos) {
    }

    private final BlobStore store;
    private final ConcurrentHashMap<Key, Signed> recent = new ConcurrentHashMap<>();

    RedirectUrls(BlobStore store) {
        this.store = store;
    }

    URI url(String blobKey, Duration lifetime, String name, String contentType) {
        Key key = new Key(blobKey, lifetime, name, contentType);
        long now = System.nanoTime();
        Signed signed = recent.get(key);
        if (signed == null || now - signed.atNanos() > REUSE.toNanos()) {
            if (recent.size() >= MAX_ENTRIES) {
                recent.clear();
            }
            signed = new Signed(store.presignGet(BlobKey.of(blobKey), lifetime, name, contentType).url(), now);
            recent.put(key, signed);
        }
        return signed.url();
    }
}
