package gatefold.server.delivery;

import gatefold.storage.ByteRange;
import java.util.Optional;

/**
 * What a Range header asks of a blob of known size, per RFC 9110 section 14: the whole
 * blob, one satisfiable range, or nothing satisfiable (416). A header we do not
 * understand, or several ranges, is answered with the whole blob, never a wrong body.
 */
public sealed interface RangeRequest {

    record Whole() implements RangeRequest {
    }

    record Partial(long first, long last) implements RangeRequest {
        public long length() {
            return last - first + 1;
        }

        public ByteRange toByteRange() {
            return ByteRange.of(first, last);
        }
    }

    record Unsatisfiable() implements RangeRequest {
    }

    Whole WHOLE = new Whole();

    static RangeRequest parse(String header, long size) {
        if (header == null) {
            return WHOLE;
        }
        String value = header.trim();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return WHOLE;
        }
        String spec = value.substring(6).trim();
        if (spec.isEmpty() || spec.indexOf(',') >= 0) {
            return WHOLE;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return WHOLE;
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        if (a.isEmpty()) {
            Optional<Long> suffix = digits(b);
            if (suffix.isEmpty()) {
                return WHOLE;
            }
            if (suffix.get() == 0 || size == 0) {
                return new Unsatisfiable();
            }
            long n = Math.min(suffix.get(), size);
            return new Partial(size - n, size - 1);
        }
        Optional<Long> first = digits(a);
        if (first.isEmpty()) {
            return WHOLE;
        }
        long last;
        if (b.isEmpty()) {
            last = Long.MAX_VALUE;
        } else {
            Optional<Long> parsedLast = digits(b);
            if (parsedLast.isEmpty() || parsedLast.get() < first.get()) {
                return WHOLE;
            }
            last = parsedLast.get();
        }
        if (first.get() >= size) {
            return new Unsatisfiable();
        }
        return new Partial(first.get(), Math.min(last, size - 1));
    }

    private static Optional<Long> digits(String s) {
        if (s.isEmpty() || s.length() > 19) {
            return Optional.empty();
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
