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
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Writes a blob as an HTTP answer with correct range semantics: 200, 206 or 416,
 * If-Range with an ETag or a date, conditional 304, HEAD, and a body streamed from the
 * store in constant memory. When the client goes away the store read is closed at once.
 */
public final class BlobResponse {

    private BlobResponse() {
    }

    public enum Kind { WHOLE, PARTIAL, NOT_MODIFIED, UNSATISFIABLE }

    /** What a request asks of a blob, decided before anything is sent or counted. */
    public record Plan(Kind kind, RangeRequest.Partial range, boolean head) {
        /** A download that starts at byte 0: the whole file, or a range from the first byte. */
        public boolean startsAtZero() {
            return !head && (kind == Kind.WHOLE || kind == Kind.PARTIAL && range.first() == 0);
        }

        public boolean sendsBytes() {
            return !head && (kind == Kind.WHOLE || kind == Kind.PARTIAL);
        }

        public String describeRange() {
            return kind == Kind.PARTIAL ? range.first() + "-" + range.last() : null;
        }
    }

    public static Plan plan(Context ctx, BlobInfo info) {
        boolean head = ctx.method().name().equals("HEAD");
        String etag = quoted(info);
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(etag))) {
            return new Plan(Kind.NOT_MODIFIED, null, head);
        }
        RangeRequest range = rangeHonoured(ctx, etag, info) ? RangeRequest.parse(ctx.header("Range"), info.size()) : RangeRequest.WHOLE;
        if (range instanceof RangeRequest.Unsatisfiable) {
            return new Plan(Kind.UNSATISFIABLE, null, head);
        }
        if (range instanceof RangeRequest.Partial p) {
            return new Plan(Kind.PARTIAL, p, head);
        }
        return new Plan(Kind.WHOLE, null, head);
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

    /**
     * Sends the planned answer. For a body, the source stream is opened first and
     * {@code beforeBytes} runs only once it is open (so a store outage spends nothing), and
     * before any header is set (so it may still refuse with an error).
     */
    public static void send(Context ctx, Source source, BlobInfo info, Plan plan, String contentType, String downloadName,
                            Runnable beforeBytes) throws IOException {
        HttpServletResponse res = ctx.res();
        if (plan.kind() == Kind.UNSATISFIABLE) {
            res.setHeader("Accept-Ranges", "bytes");
            res.setHeader("Content-Range", "bytes */" + info.size());
            ctx.status(416).contentType("application/json")
                    .result("{\"error\":\"range_not_satisfiable\",\"message\":\"The requested range is outside the file of "
                            + info.size() + " bytes.\"}");
            return;
        }
        if (!plan.sendsBytes() || info.size() == 0) {
            beforeBytes(plan, beforeBytes);
            writeHeaders(res, info, plan, contentType, downloadName);
            return;
        }
        ByteRange byteRange = plan.kind() == Kind.PARTIAL ? plan.range().toByteRange() : ByteRange.ALL;
        try (InputStream in = source.open(info.key(), byteRange)) {
            beforeBytes.run();
            writeHeaders(res, info, plan, contentType, downloadName);
            BodyCopy.copy(in, res.getOutputStream());
        }
    }

    private static void beforeBytes(Plan plan, Runnable beforeBytes) {
        if (plan.sendsBytes()) {
            beforeBytes.run();
        }
    }

    private static void writeHeaders(HttpServletResponse res, BlobInfo info, String contentType, String downloadName) {
        res.setHeader("Accept-Ranges", "bytes");
        res.setHeader("ETag", quoted(info));
        if (info.lastModified() != null) {
            res.setHeader("Last-Modified", httpDate(info.lastModified()));
        }
        res.setHeader("Cache-Control", "private, no-transform");
        if (downloadName != null) {
            res.setHeader("Content-Disposition", ContentDisposition.attachment(downloadName));
        }
        res.setContentType(contentType != null ? contentType : "application/octet-stream");
    }

    private static void writeHeaders(HttpServletResponse res, BlobInfo info, Plan plan, String contentType, String downloadName) {
        writeHeaders(res, info, contentType, downloadName);
        switch (plan.kind()) {
            case NOT_MODIFIED -> res.setStatus(304);
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

    /** If-Range: serve the range only when the validator still matches; otherwise the whole blob. */
    private static boolean rangeHonoured(Context ctx, String etag, BlobInfo info) {
        String ifRange = ctx.header("If-Range");
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.trim();
        if (value.startsWith("\"")) {
            return value.equals(etag);
        }
        if (value.startsWith("W/")) {
            return false;
        }
        try {
            Instant date = DateTimeFormatter.RFC_1123_DATE_TIME.parse(value, Instant::from);
            return info.lastModified() != null && date.equals(info.lastModified().truncatedTo(ChronoUnit.SECONDS));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String quoted(BlobInfo info) {
        return "\"" + info.etag() + "\"";
    }

    public static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }
}
