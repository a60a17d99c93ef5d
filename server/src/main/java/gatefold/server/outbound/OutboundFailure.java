package gatefold.server.outbound;

import java.util.OptionalInt;

/**
 * Why a call made on an artist's behalf failed, in words safe to show the artist: never an
 * exception's text, which would tell them what lies behind an address (a port scanner).
 * The detail goes to the debug log only.
 */
public final class OutboundFailure extends Exception {

    public enum Kind {
        /** The address (or the URL's form) is one we do not call. */
        NOT_ALLOWED,
        /** No connection: refused, unreachable, no such host, TLS failed, or the connection broke. */
        NO_CONNECTION,
        /** The whole exchange took longer than the call allows. */
        TIMED_OUT,
        /** It answered, with a status other than 2xx (redirects included: they are not followed). */
        ANSWERED,
        /** This server is shutting down, or the thread was interrupted. */
        STOPPED
    }

    private final Kind kind;
    private final int status;

    private OutboundFailure(Kind kind, int status, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
        this.status = status;
    }

    static OutboundFailure of(Kind kind) {
        return new OutboundFailure(kind, 0, switch (kind) {
            case NOT_ALLOWED -> "address not allowed";
            case NO_CONNECTION -> "could not connect";
            case TIMED_OUT -> "timed out";
            case STOPPED -> "stopped";
            case ANSWERED -> throw new IllegalArgumentException("use answered(status)");
        });
    }

    /** For a caller that finds a stored URL it can no longer call. */
    public static OutboundFailure notAllowed() {
        return of(Kind.NOT_ALLOWED);
    }

    static OutboundFailure answered(int status) {
        return new OutboundFailure(Kind.ANSWERED, status, "answered " + status);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status when it answered. */
    public OptionalInt status() {
        return kind == Kind.ANSWERED ? OptionalInt.of(status) : OptionalInt.empty();
    }

    /** What to show the artist: "could not connect", "timed out", "answered 500", "address not allowed". */
    public String reason() {
        return getMessage();
    }
}
