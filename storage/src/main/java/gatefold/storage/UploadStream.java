package gatefold.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The bytes a caller hands to a store: counted, held to the declared length, and with the
 * reason reading stopped remembered, so a store can tell a short or broken upload from its
 * own failure even after an HTTP library wrapped the exception. Closing it leaves the
 * caller's stream open.
 */
final class UploadStream extends InputStream {

    private final InputStream source;
    private final long declared;
    private long count;
    private boolean ended;
    private RuntimeException failure;

    UploadStream(InputStream source, long declaredLength) {
        if (declaredLength < BlobStore.UNKNOWN_LENGTH) {
            throw new IllegalArgumentException("a length must be -1 (unknown) or at least 0");
        }
        this.source = Objects.requireNonNull(source, "bytes");
        this.declared = declaredLength;
    }

    boolean isLengthKnown() {
        return declared != BlobStore.UNKNOWN_LENGTH;
    }

    long declaredLength() {
        return declared;
    }

    long count() {
        return count;
    }

    /** Why reading stopped before the end, if it did: a length mismatch or the source's own failure. */
    Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (failure != null) {
            throw failure;
        }
        if (length == 0) {
            return 0;
        }
        if (ended) {
            return -1;
        }
        long remaining = isLengthKnown() ? declared - count : Long.MAX_VALUE;
        if (remaining == 0) {
            requireEnd();
            return -1;
        }
        int n = readSource(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            ended = true;
            if (isLengthKnown()) {
                throw fail(new LengthMismatchException(
                        "expected " + declared + " bytes but the upload ended after " + count));
            }
            return -1;
        }
        count += n;
        if (isLengthKnown() && count == declared) {
            requireEnd();
        }
        return n;
    }

    /**
     * Confirms every declared byte arrived and nothing more follows. Stores call it after
     * a client library finished sending, and up front for an empty body it may never read.
     */
    void requireEnd() {
        if (failure != null) {
            throw failure;
        }
        if (ended) {
            return;
        }
        if (isLengthKnown() && count < declared) {
            throw fail(new LengthMismatchException(
                    "expected " + declared + " bytes but only " + count + " were read"));
        }
        int extra = readSource(new byte[1], 0, 1);
        ended = true;
        if (extra > 0) {
            throw fail(new LengthMismatchException("expected " + declared + " bytes but more arrived"));
        }
    }

    @Override
    public void close() {
        // The caller opened the source and closes it.
    }

    private int readSource(byte[] buffer, int offset, int length) {
        try {
            int n;
            do {
                n = source.read(buffer, offset, length);
            } while (n == 0);
            return n;
        } catch (IOException e) {
            throw fail(new UncheckedIOException("reading the upload failed: " + e.getMessage(), e));
        }
    }

    private RuntimeException fail(RuntimeException e) {
        failure = e;
        return e;
    }
}
