package gatefold.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import gatefold.server.common.Refusal;
import gatefold.server.db.Sql;
import gatefold.storage.InvalidKeyException;
import gatefold.storage.StoreUnavailableException;
import gatefold.web.views.store.ErrorPage;
import gatefold.web.views.store.Link;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the JSON error shape (or a short friendly page for a browser
 * that asked for HTML), so no stack trace or framework page ever reaches a client.
 */
public final class ErrorPages {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

    /** What a client hears while the database does not answer: nothing was decided, so asking again is safe. */
    private static final Refusal DATABASE_DOWN = Refusal.unavailable(
            "The store's database is not answering; try again shortly.", Duration.ofSeconds(10));

    private ErrorPages() {
    }

    /** One answer to a client: status, stable code, message and extra headers. */
    private record Answer(int status, String code, String message, Map<String, String> headers) {
        static Answer of(int status) {
            return new Answer(status, codeFor(status), friendly(status, null), Map.of());
        }
    }

    public static void install(JavalinConfig config) {
        config.routes.exception(Refusal.class, (e, ctx) -> respond(ctx, e));
        config.routes.exception(HttpResponseException.class, (e, ctx) ->
                answer(ctx, new Answer(e.getStatus(), codeFor(e.getStatus()), friendly(e.getStatus(), e.getMessage()), Map.of())));
        config.routes.exception(InvalidKeyException.class, (e, ctx) -> respond(ctx, Refusal.badRequest(e.getMessage())));
        config.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            LOG.warn("store unavailable for {} {}: {}", ctx.method(), RouteTemplate.of(ctx), e.getMessage());
            respond(ctx, Refusal.unavailable("The file store is not answering; try again shortly.", Duration.ofSeconds(30)));
        });
        config.routes.exception(JsonProcessingException.class, (e, ctx) ->
                respond(ctx, Refusal.badRequest("The request body is not valid JSON of the expected shape.")));
        config.routes.exception(Exception.class, (e, ctx) -> {
            if (Sql.isUnavailable(e)) {
                // One line, without the statement: its text and bound values may name buyers.
                LOG.warn("database unavailable for {} {}: {}", ctx.method(), RouteTemplate.of(ctx), Sql.describe(e));
                respond(ctx, DATABASE_DOWN);
                return;
            }
            LOG.error("unhandled error on {} {}", ctx.method(), RouteTemplate.of(ctx), e);
            answer(ctx, new Answer(500, "internal", "Something went wrong on our side; it has been logged.", Map.of()));
        });
        for (int status : new int[] {400, 401, 403, 404, 405, 406, 408, 413, 415, 429, 500, 503}) {
            config.routes.error(status, "*", ctx -> {
                if (ctx.attribute(ANSWERED) == null && ctx.resultInputStream() == null) {
                    answer(ctx, Answer.of(status));
                }
            });
        }
    }

    /** The one place a refusal becomes a status code. */
    public static int status(Refusal refusal) {
        return switch (refusal.kind()) {
            case BAD_REQUEST -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case GONE -> 410;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_TYPE -> 415;
            case INVALID -> 422;
            case TOO_MANY -> 429;
            case NOT_OFFERED -> 501;
            case UPSTREAM -> 502;
            case UNAVAILABLE -> 503;
        };
    }

    /** Status and headers of a refusal, for pages that show it in their own form. */
    public static void setStatus(Context ctx, Refusal refusal) {
        Answer answer = answerTo(refusal);
        ctx.status(answer.status());
        answer.headers().forEach(ctx::header);
    }

    private static Answer answerTo(Refusal refusal) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        refusal.retryAfter().ifPresent(wait -> headers.put("Retry-After", Long.toString(Math.max(1, wait.toSeconds()))));
        if (refusal.kind() == Refusal.Kind.UNAUTHORIZED) {
            headers.put("WWW-Authenticate", "Bearer");
        }
        return new Answer(status(refusal), refusal.code(), refusal.getMessage(), headers);
    }

    private static final String ANSWERED = "gatefold.error.answered";

    public static void respond(Context ctx, Refusal refusal) {
        answer(ctx, answerTo(refusal));
    }

    private static void answer(Context ctx, Answer e) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        UnreadBody.drain(ctx);
        ctx.status(e.status());
        e.headers().forEach(ctx::header);
        ctx.header("Cache-Control", "no-store");
        if (wantsHtml(ctx)) {
            ctx.contentType("text/html; charset=utf-8").result(page(e));
        } else {
            JsonMapper json = ctx.jsonMapper();
            ctx.contentType("application/json").result(json.toJsonString(new ErrorBody(e.code(), e.message()), ErrorBody.class));
        }
    }

    /** API, webhook and download-manager clients get JSON; a browser navigating to a page gets HTML. */
    public static boolean wantsHtml(Context ctx) {
        String path = ctx.path();
        if (path.startsWith("/api/") || path.startsWith("/webhooks/") || path.startsWith("/health") || path.startsWith("/blobs/")) {
            return false;
        }
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html");
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 408 -> "timeout";
            case 409 -> "conflict";
            case 410 -> "gone";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            case 416 -> "range_not_satisfiable";
            case 429 -> "too_many_requests";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "bad_request";
        };
    }

    static String friendly(int status, String fallback) {
        return switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept that method.";
            case 413 -> "The request is too large.";
            case 429 -> "Too many requests; wait a moment and try again.";
            case 500 -> "Something went wrong on our side; it has been logged.";
            case 503 -> "The service is not ready; try again shortly.";
            default -> fallback != null && !fallback.isBlank() && status < 500 ? fallback : "The request could not be served.";
        };
    }

    private static final gatefold.web.Pages PAGES = new gatefold.web.Pages();

    /** The friendly page: what happened, in words, and where a fan can go from here. */
    private static String page(Answer e) {
        String title = switch (e.status()) {
            case 404 -> "Not found";
            case 410 -> "This link has ended";
            case 401, 403 -> "Not allowed";
            case 429 -> "One moment";
            case 503 -> "Back in a moment";
            default -> e.status() >= 500 ? "Something went wrong" : "That did not work";
        };
        Link store = new Link("/", "Go to the store");
        Link library = new Link("/library", "Open your library: everything you bought, with fresh download links");
        Link redeem = new Link("/redeem", "Redeem a download code");
        List<Link> next = switch (e.status()) {
            case 410 -> List.of(library, store);
            case 404 -> List.of(store, library, redeem);
            case 503, 429 -> List.of(new Link("", "Try again"), store);
            default -> List.of(store, library);
        };
        return PAGES.render("store/error.jte", new ErrorPage(gatefold.web.views.Layout.of(title, "Store"), e.status(), title,
                e.message(), next));
    }

    static String escape(String s) {
        return Html.escape(s);
    }

    /** The JSON body for errors Jetty answers before Javalin sees the request (bad URIs, huge headers). */
    static byte[] rawJson(int status) {
        String json = "{\"error\":\"" + codeFor(status) + "\",\"message\":\"" + friendly(status, null).replace("\"", "'") + "\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
