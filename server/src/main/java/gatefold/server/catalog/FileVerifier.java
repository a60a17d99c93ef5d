package gatefold.server.catalog;

import gatefold.storage.BlobKey;
import gatefold.storage.ByteRange;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each file whose bytes went straight to the store once, records its SHA-256 and
 * marks it verified. It runs as one recurring job ({@link CatalogJobs#VERIFY}), so one
 * instance at a time reads and a file needs no claim of its own: a run killed mid-read is
 * taken up by another instance once its lease runs out, and that run reads the file again.
 */
public final class FileVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(FileVerifier.class);
    /** A file marked (verify_claimed_at) more recently than this is left alone; failed reads are marked back-dated. */
    private static final Duration CLAIM_STALE = Duration.ofHours(2);
    /** After a failed read, leave the file this long before reading it again. */
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);
    private final Catalog catalog;

    public FileVerifier(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Verifies what is waiting now; returns how many files it verified. */
    public int runOnce() {
        return runOnce(() -> true);
    }

    /** The same, stopping between files once {@code carryOn} says no (the job's run lost its lease). */
    public int runOnce(BooleanSupplier carryOn) {
        int verified = 0;
        CatalogDao dao = catalog.dao();
        for (ReleaseFile file : dao.unverified(Instant.now().minus(CLAIM_STALE))) {
            if (Thread.currentThread().isInterrupted() || !carryOn.getAsBoolean()) {
                break;
            }
            try {
                Checksums sums = checksums(BlobKey.of(file.blobKey()));
                if (dao.markVerified(file.id(), file.blobKey(), sums.sha256(), sums.crc32()) == 1) {
                    verified++;
                    catalog.changed(file.releaseId());
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not verify file {} yet: {}", file.id(), e.getMessage());
                dao.backdateClaim(file.id(), Instant.now().minus(CLAIM_STALE).plus(RETRY_AFTER_FAILURE));
            }
        }
        return verified;
    }

    /** The SHA-256 fans check against, and the CRC-32 album zips need, from one read of the stored bytes. */
    private record Checksums(String sha256, long crc32) {
    }

    private Checksums checksums(BlobKey key) throws IOException {
        MessageDigest digest = CatalogBlobs.sha256();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] buffer = new byte[256 * 1024];
        try (InputStream in = catalog.store().get(key, ByteRange.ALL)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
                crc.update(buffer, 0, n);
            }
        }
        return new Checksums(HexFormat.of().formatHex(digest.digest()), crc.getValue());
    }
}
