package gatefold.server.delivery;

import gatefold.storage.BlobInfo;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * What a request asks of a file of known size and validators, decided before anything is
 * sent or counted: the whole file, one range, nothing because the client's copy is current
 * (304) or its precondition failed (412), or nothing satisfiable (416). HEAD asks for the
 * headers of the same answer. RFC 9110 sections 13 and 14.
 */
public record RequestPlan(Kind kind, RangeRequest.Partial range, boolean head) {

    public enum Kind { WHOLE, PARTIAL, NOT_MODIFIED, PRECONDITION_FAILED, UNSATISFIABLE }

    /** The plan for these request headers against the file. */
    public static RequestPlan of(boolean head, String range, String ifRange, String ifNoneMatch, String ifMatch,
                                 String ifUnmodifiedSince, BlobInfo info) {
        String etag = quoted(info);
        if (ifMatch != null && !ifMatch.trim().equals("*") && !ifMatch.contains(etag)
                || ifMatch == null && ifUnmodifiedSince != null && modifiedSince(ifUnmodifiedSince, info)) {
            return new RequestPlan(Kind.PRECONDITION_FAILED, null, head);
        }
        if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(etag))) {
            return new RequestPlan(Kind.NOT_MODIFIED, null, head);
        }
        RangeRequest asked = rangeHonoured(ifRange, etag, info) ? RangeRequest.parse(range, info.size()) : RangeRequest.WHOLE;
        if (asked instanceof RangeRequest.Unsatisfiable) {
            return new RequestPlan(Kind.UNSATISFIABLE, null, head);
        }
        if (asked instanceof RangeRequest.Partial p) {
            return new RequestPlan(Kind.PARTIAL, p, head);
        }
        return new RequestPlan(Kind.WHOLE, null, head);
    }

    public static RequestPlan of(Click click, BlobInfo info) {
        return of(click.head(), click.range(), click.ifRange(), click.ifNoneMatch(), click.ifMatch(), click.ifUnmodifiedSince(),
                info);
    }

    /** Whether the answer carries file bytes (a GET of the whole file or of a range). */
    public boolean sendsBytes() {
        return !head && (kind == Kind.WHOLE || kind == Kind.PARTIAL);
    }

    /** A request that hands over bytes from byte 0: the whole file, or a range from the first byte. */
    public boolean startsAtZero() {
        return sendsBytes() && (kind == Kind.WHOLE || range.first() == 0);
    }

    /** How many bytes the request asks for: what a download window is charged. */
    public long requestedBytes(long size) {
        return !sendsBytes() ? 0 : kind == Kind.PARTIAL ? range.length() : size;
    }

    public String describeRange() {
        return kind == Kind.PARTIAL ? range.first() + "-" + range.last() : null;
    }

    /** If-Range: serve the range only when the validator still matches; otherwise the whole file. */
    private static boolean rangeHonoured(String ifRange, String etag, BlobInfo info) {
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
        Instant date = httpDate(value);
        return date != null && info.lastModified() != null && date.equals(info.lastModified().truncatedTo(ChronoUnit.SECONDS));
    }

    private static boolean modifiedSince(String header, BlobInfo info) {
        Instant date = httpDate(header.trim());
        return date != null && info.lastModified() != null && info.lastModified().truncatedTo(ChronoUnit.SECONDS).isAfter(date);
    }

    private static Instant httpDate(String value) {
        try {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(value, Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String quoted(BlobInfo info) {
        return "\"" + info.etag() + "\"";
    }
}
