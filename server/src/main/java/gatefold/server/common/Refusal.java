package gatefold.server.common;

import java.time.Duration;
import java.util.Optional;

/**
 * Why something asked of Gatefold cannot be done, in words a person can act on, with a
 * stable code for programs. Services and value types throw it and know nothing of HTTP;
 * {@code http.ErrorPages} alone turns each {@link Kind} into a status code.
 */
public class Refusal extends RuntimeException {

    /** What kind of "no" this is; the web edge maps each to one status. */
    public enum Kind {
        BAD_REQUEST("bad_request"),
        UNAUTHORIZED("unauthorized"),
        FORBIDDEN("forbidden"),
        NOT_FOUND("not_found"),
        CONFLICT("conflict"),
        GONE("gone"),
        TOO_LARGE("too_large"),
        UNSUPPORTED_TYPE("unsupported_media_type"),
        INVALID("invalid"),
        TOO_MANY("too_many_requests"),
        NOT_OFFERED("not_implemented"),
        UPSTREAM("bad_gateway"),
        UNAVAILABLE("unavailable");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Kind kind;
    private final String code;
    private final Duration retryAfter;

    public Refusal(Kind kind, String code, String message) {
        this(kind, code, message, null);
    }

    public Refusal(Kind kind, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public Refusal(Kind kind, String message) {
        this(kind, kind.code(), message, null);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** When asking again may work (rate limits, a store that is down). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public static Refusal badRequest(String message) {
        return new Refusal(Kind.BAD_REQUEST, message);
    }

    public static Refusal invalid(String message) {
        return new Refusal(Kind.INVALID, message);
    }

    public static Refusal unauthorized(String message) {
        return new Refusal(Kind.UNAUTHORIZED, message);
    }

    public static Refusal forbidden(String message) {
        return new Refusal(Kind.FORBIDDEN, message);
    }

    public static Refusal forbidden(String code, String message) {
        return new Refusal(Kind.FORBIDDEN, code, message);
    }

    public static Refusal notFound(String message) {
        return new Refusal(Kind.NOT_FOUND, message);
    }

    public static Refusal conflict(String message) {
        return new Refusal(Kind.CONFLICT, message);
    }

    public static Refusal gone(String message) {
        return new Refusal(Kind.GONE, message);
    }

    public static Refusal tooLarge(String message) {
        return new Refusal(Kind.TOO_LARGE, message);
    }

    public static Refusal tooMany(String message, Duration retryAfter) {
        return new Refusal(Kind.TOO_MANY, Kind.TOO_MANY.code(), message, retryAfter);
    }

    public static Refusal upstream(String message) {
        return new Refusal(Kind.UPSTREAM, message);
    }

    public static Refusal unavailable(String message, Duration retryAfter) {
        return new Refusal(Kind.UNAVAILABLE, Kind.UNAVAILABLE.code(), message, retryAfter);
    }
}
