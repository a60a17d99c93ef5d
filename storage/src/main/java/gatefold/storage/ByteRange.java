package gatefold.storage;

/**
 * An inclusive byte range already resolved against the blob's size: {@code first..last}.
 * {@link #ALL} asks for the whole blob.
 */
public record ByteRange(long first, long last) {

    public static final ByteRange ALL = new ByteRange(0, Long.MAX_VALUE);

    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("bad byte range " + first + "-" + last);
        }
    }

    public static ByteRange of(long first, long last) {
        return new ByteRange(first, last);
    }

    /** From {@code first} to the end of the blob. */
    public static ByteRange from(long first) {
        return new ByteRange(first, Long.MAX_VALUE);
    }

    public boolean isAll() {
        return first == 0 && last == Long.MAX_VALUE;
    }

    public boolean isOpenEnded() {
        return last == Long.MAX_VALUE;
    }

    /** The number of bytes asked for, or {@code Long.MAX_VALUE - first} when open-ended. */
    public long length() {
        return last - first + (isOpenEnded() ? 0 : 1);
    }
}
