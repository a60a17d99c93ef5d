package gatefold.server.delivery;

import gatefold.storage.BlobInfo;
import gatefold.storage.BlobStore;
import gatefold.storage.ContentDisposition;
import gatefold.storage.ByteRange;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

    private static final int BUFFER = 64 * 1024;

    private BlobResponse() {
    }

    /** What was sent, so callers can count downloads that start at byte 0. */
    public enum Outcome { WHOLE, PARTIAL_FROM_START, CONTINUATION, NOT_MODIFIED, UNSATISFIABLE, HEAD_ONLY }

    public static Outcome send(Context ctx, BlobStore store, BlobInfo info, String contentType, String downloadName)
            throws IOException {
        HttpServletResponse res = ctx.res();
        String etag = "\"" + info.etag() + "\"";
        res.setHeader("Accept-Ranges", "bytes");
        res.setHeader("ETag", etag);
        if (info.lastModified() != null) {
            res.setHeader("Last-Modified", httpDate(info.lastModified()));
        }
        res.setHeader("Cache-Control", "private, no-transform");
        if (downloadName != null) {
            res.setHeader("Content-Disposition", ContentDisposition.attachment(downloadName));
        }
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(etag))) {
            res.setStatus(304);
            return Outcome.NOT_MODIFIED;
        }
        RangeRequest range = rangeHonoured(ctx, etag, info) ? RangeRequest.parse(ctx.header("Range"), info.size()) : RangeRequest.WHOLE;
        boolean head = ctx.method().name().equals("HEAD");
        if (range instanceof RangeRequest.Unsatisfiable) {
            res.setStatus(416);
            res.setHeader("Content-Range", "bytes */" + info.size());
            res.setContentType("application/json");
            ctx.result("{\"error\":\"range_not_satisfiable\",\"message\":\"The requested range is outside the file of "
                    + info.size() + " bytes.\"}");
            return Outcome.UNSATISFIABLE;
        }
        res.setContentType(contentType != null ? contentType : "application/octet-stream");
        ByteRange byteRange;
        Outcome outcome;
        if (range instanceof RangeRequest.Partial p) {
            res.setStatus(206);
            res.setHeader("Content-Range", "bytes " + p.first() + "-" + p.last() + "/" + info.size());
            res.setContentLengthLong(p.length());
            byteRange = p.toByteRange();
            outcome = p.first() == 0 ? Outcome.PARTIAL_FROM_START : Outcome.CONTINUATION;
        } else {
            res.setStatus(200);
            res.setContentLengthLong(info.size());
            byteRange = ByteRange.ALL;
            outcome = Outcome.WHOLE;
        }
        if (head) {
            return Outcome.HEAD_ONLY;
        }
        if (info.size() == 0) {
            return outcome;
        }
        try (InputStream in = store.get(info.key(), byteRange)) {
            OutputStream out = res.getOutputStream();
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            out.flush();
        }
        return outcome;
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

    public static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }
}
