package gatefold.server.delivery;

import gatefold.storage.BlobInfo;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import gatefold.storage.ContentDisposition;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Writes a blob as an HTTP answer with correct range semantics: 200, 206 or 416,
 * If-Range with an ETag or a date, conditional 304, HEAD, and a body streamed from the
 * store in constant memory. When the client goes away the store read is closed at once.
 */
public final class BlobResponse {

    private BlobResponse() {
    }

    /** The plan for a request as Javalin holds it. */
    public static RequestPlan plan(Context ctx, BlobInfo info) {
        return RequestPlan.of(ctx.method().name().equals("HEAD"), ctx.header("Range"), ctx.header("If-Range"),
                ctx.header("If-None-Match"), ctx.header("If-Match"), ctx.header("If-Unmodified-Since"), info);
    }

    /** Where a blob's bytes come from: the store itself, or a cache in front of it. */
    @FunctionalInterface
    public interface Source {
        InputStream open(BlobKey key, ByteRange range);
    }

    /** Plans and sends in one go, for callers that count nothing. */
    public static void send(Context ctx, BlobStore store, BlobInfo info, String contentType, String downloadName) throws IOException {
        send(ctx, store::get, info, plan(ctx, info), contentType, downloadName, () -> { });
    }

    /** Plans and sends in one go, inline (no download name), with the caller's caching rule: previews are public. */
    public static void sendInline(Context ctx, BlobStore store, BlobInfo info, String contentType, String cacheControl)
            throws IOException {
        RequestPlan plan = plan(ctx, info);
        if (!plan.sendsBytes() || info.size() == 0) {
            sendHeaders(ctx, info, plan, contentType, null);
        } else {
            ByteRange byteRange = plan.kind() == RequestPlan.Kind.PARTIAL ? plan.range().toByteRange() : ByteRange.ALL;
            try (InputStream in = store.get(info.key(), byteRange)) {
                writeHeaders(ctx.res(), info, plan, contentType, null);
                ctx.res().setHeader("Cache-Control", cacheControl);
                BodyCopy.copy(in, ctx.res().getOutputStream());
                return;
            }
        }
        ctx.res().setHeader("Cache-Control", cacheControl);
    }

    /**
     * Sends the planned answer. For a body, the source stream is opened first and
     * {@code beforeBytes} runs only once it is open (so a store outage spends nothing), and
     * before any header is set (so it may still refuse with an error).
     */
    public static void send(Context ctx, Source source, BlobInfo info, RequestPlan plan, String contentType, String downloadName,
                            Runnable beforeBytes) throws IOException {
        HttpServletResponse res = ctx.res();
        if (!plan.sendsBytes() || info.size() == 0) {
            beforeBytes(plan, beforeBytes);
            sendHeaders(ctx, info, plan, contentType, downloadName);
            return;
        }
        ByteRange byteRange = plan.kind() == RequestPlan.Kind.PARTIAL ? plan.range().toByteRange() : ByteRange.ALL;
        try (InputStream in = source.open(info.key(), byteRange)) {
            beforeBytes.run();
            writeHeaders(res, info, plan, contentType, downloadName);
            BodyCopy.copy(in, res.getOutputStream());
        }
    }

    /** An answer that carries no file bytes: HEAD, 304, 412 or 416. */
    public static void sendHeaders(Context ctx, BlobInfo info, RequestPlan plan, String contentType, String downloadName) {
        HttpServletResponse res = ctx.res();
        if (plan.kind() == RequestPlan.Kind.UNSATISFIABLE) {
            res.setHeader("Accept-Ranges", "bytes");
            res.setHeader("Content-Range", "bytes */" + info.size());
            ctx.status(416).contentType("application/json")
                    .result("{\"error\":\"range_not_satisfiable\",\"message\":\"The requested range is outside the file of "
                            + info.size() + " bytes.\"}");
            return;
        }
        writeHeaders(res, info, plan, contentType, downloadName);
    }

    private static void beforeBytes(RequestPlan plan, Runnable beforeBytes) {
        if (plan.sendsBytes()) {
            beforeBytes.run();
        }
    }

    private static void writeHeaders(HttpServletResponse res, BlobInfo info, String contentType, String downloadName) {
        res.setHeader("Accept-Ranges", "bytes");
        res.setHeader("ETag", RequestPlan.quoted(info));
        if (info.lastModified() != null) {
            res.setHeader("Last-Modified", httpDate(info.lastModified()));
        }
        res.setHeader("Cache-Control", "private, no-transform");
        if (downloadName != null) {
            res.setHeader("Content-Disposition", ContentDisposition.attachment(downloadName));
        }
        res.setContentType(contentType != null ? contentType : "application/octet-stream");
    }

    private static void writeHeaders(HttpServletResponse res, BlobInfo info, RequestPlan plan, String contentType, String downloadName) {
        writeHeaders(res, info, contentType, downloadName);
        switch (plan.kind()) {
            case NOT_MODIFIED -> res.setStatus(304);
            case PRECONDITION_FAILED -> res.setStatus(412);
            case PARTIAL -> {
                res.setStatus(206);
                res.setHeader("Content-Range", "bytes " + plan.range().first() + "-" + plan.range().last() + "/" + info.size());
                res.setContentLengthLong(plan.range().length());
            }
            default -> {
                res.setStatus(200);
                res.setContentLengthLong(info.size());
            }
        }
    }

    public static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }
}
