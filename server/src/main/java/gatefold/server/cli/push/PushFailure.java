package gatefold.server.cli.push;

/**
 * Why a push, or one file of it, could not go on, in words for the artist. {@code status}
 * is the store's HTTP status, or 0 when the store could not be reached at all.
 */
final class PushFailure extends RuntimeException {

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
        return status == 400 || status == 409 || status == 413 || status == 415 || status == 422;
    }

    PushFailure about(String fileName) {
        return new PushFailure(status, fileName + ": " + getMessage(), this);
    }
}
