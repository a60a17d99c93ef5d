package gatefold.server.cli.push;

import java.io.IOException;

/**
 * Why a push, or one file of it, could not go on, in words for the artist. {@code status}
 * is the store's HTTP status, or 0 when the store could not be reached at all.
 */
final class PushFailure extends RuntimeException {

    /** A file on the artist's disk could not be read; the other files can still go. */
    static final int LOCAL = -2;
    /** The push was interrupted, or stopped on purpose. */
    static final int STOPPED = -1;

    private final int status;

    PushFailure(String message) {
        this(0, message, null);
    }

    PushFailure(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    int status() {
        return status;
    }

    /** A dropped connection or a store that is briefly unwell: worth another try. */
    boolean worthRetrying() {
        return status == 0 || status == 408 || status == 429 || status >= 500;
    }

    /**
     * The store refused this one file (its name, type, size or parts), so the other files can
     * still go; anything else (a wrong token, an unreachable store) stops the whole push.
     */
    boolean onlyThisFile() {
        return status == LOCAL || status == 400 || status == 409 || status == 410 || status == 413 || status == 415 || status == 422;
    }

    static PushFailure unreadable(LocalFile file, IOException e) {
        return new PushFailure(LOCAL, "cannot read " + file.path() + " (" + e.getMessage() + ")", e);
    }

    PushFailure about(String fileName) {
        return new PushFailure(status, fileName + ": " + getMessage(), this);
    }
}
