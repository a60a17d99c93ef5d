package gatefold.server.albums;

/**
 * Where one entry sits in the zip and which of its fields overflow 32 bits. A field takes
 * its ZIP64 form when its value reaches the all-ones marker (0xFFFFFFFF), as zip readers
 * expect, and only then.
 */
record EntryPlan(ZipItem item, byte[] name, int dosTime, long localOffset) {

    static final long MAX_32 = 0xFFFFFFFFL;
    static final int MAX_16 = 0xFFFF;

    boolean sizeNeedsZip64() {
        return item.size() >= MAX_32;
    }

    boolean offsetNeedsZip64() {
        return localOffset >= MAX_32;
    }

    int localHeaderLength() {
        return ZipHeaders.LOCAL_FIXED + name.length + localExtraLength();
    }

    int localExtraLength() {
        return sizeNeedsZip64() ? 4 + 16 : 0;
    }

    int centralHeaderLength() {
        return ZipHeaders.CENTRAL_FIXED + name.length + centralExtraLength();
    }

    /** The central ZIP64 field holds only the values whose 32-bit field carries the marker. */
    int centralExtraLength() {
        int values = (sizeNeedsZip64() ? 2 : 0) + (offsetNeedsZip64() ? 1 : 0);
        return values == 0 ? 0 : 4 + 8 * values;
    }

    long dataOffset() {
        return localOffset + localHeaderLength();
    }

    long end() {
        return dataOffset() + item.size();
    }
}
