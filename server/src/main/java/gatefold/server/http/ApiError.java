package gatefold.server.http;

import java.util.Map;

/**
 * An answer to a request that cannot be served, with the status, a stable code and a
 * message a person can act on. Thrown anywhere in a handler; {@link ErrorPages} renders it.
 */
public class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> headers;

    public ApiError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiError(int status, String code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "bad_request", message);
    }

    public static ApiError invalid(String message) {
        return new ApiError(422, "invalid", message);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", message, Map.of("WWW-Authenticate", "Bearer"));
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    public static ApiError conflict(String message) {
        return new ApiError(409, "conflict", message);
    }

    public static ApiError gone(String message) {
        return new ApiError(410, "gone", message);
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, "too_large", message);
    }

    public static ApiError unavailable(String message, int retryAfterSeconds) {
        return new ApiError(503, "unavailable", message, Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }
}
