package gatefold.server.albums;

import java.util.List;

/**
 * The zip cut into segments in file order: for each entry its local header, then its bytes;
 * then one central directory header per entry; then the end records. Headers are made again
 * from the plan whenever a range needs them, so memory holds the plan (a few dozen bytes per
 * entry), never a directory of 70,000 headers nor any entry's bytes.
 */
final class ZipLayout {

    private final EntryPlan[] entries;
    private final long[] starts;
    private final byte[] end;
    private final boolean zip64End;

    ZipLayout(List<EntryPlan> plans) {
        this.entries = plans.toArray(new EntryPlan[0]);
        int n = entries.length;
        this.starts = new long[3 * n + 2];
        long position = 0;
        for (int i = 0; i < n; i++) {
            starts[2 * i] = entries[i].localOffset();
            starts[2 * i + 1] = entries[i].dataOffset();
            position = entries[i].end();
        }
        long directoryOffset = position;
        for (int i = 0; i < n; i++) {
            starts[2 * n + i] = position;
            position += entries[i].centralHeaderLength();
        }
        this.end = ZipHeaders.end(n, position - directoryOffset, directoryOffset);
        this.zip64End = ZipHeaders.endNeedsZip64(n, position - directoryOffset, directoryOffset);
        starts[3 * n] = position;
        starts[3 * n + 1] = position + end.length;
    }

    long length() {
        return starts[starts.length - 1];
    }

    int segmentCount() {
        return starts.length - 1;
    }

    long start(int segment) {
        return starts[segment];
    }

    long end(int segment) {
        return starts[segment + 1];
    }

    /**
     * The segment holding byte {@code position} (which must be below the length): the last
     * one starting at or before it, which skips the empty data segments of empty entries.
     */
    int segmentAt(long position) {
        int low = 0;
        int high = segmentCount() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (starts[mid] <= position) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** Whether the segment is an entry's header or bytes, rather than the directory or end records. */
    boolean holdsEntries(int segment) {
        return segment < 2 * entries.length;
    }

    /** The entry whose bytes the segment is, or null for a header or the end records. */
    ZipItem itemOf(int segment) {
        int n = entries.length;
        return holdsEntries(segment) && segment % 2 == 1 ? entries[segment / 2].item() : null;
    }

    /** The bytes of a header segment. */
    byte[] headerOf(int segment) {
        int n = entries.length;
        if (segment < 2 * n) {
            return ZipHeaders.local(entries[segment / 2]);
        }
        if (segment < 3 * n) {
            return ZipHeaders.central(entries[segment - 2 * n]);
        }
        return end.clone();
    }

    /** Whether the end records take their ZIP64 form (many entries, or a directory past 4 GiB). */
    boolean zip64End() {
        return zip64End;
    }
}
