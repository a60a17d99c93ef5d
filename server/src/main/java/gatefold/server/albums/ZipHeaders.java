package gatefold.server.albums;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes of the zip records around the entries (PKWARE APPNOTE 6.3): local headers with
 * CRC and sizes filled in (no data descriptors), central directory headers, and the end
 * records. Entries are STORED, names flagged UTF-8, files marked as made on Unix with mode
 * 0644 so they unpack readable everywhere.
 */
final class ZipHeaders {

    static final int LOCAL_FIXED = 30;
    static final int CENTRAL_FIXED = 46;
    static final int END_LENGTH = 22;
    static final int ZIP64_END_LENGTH = 56;
    static final int ZIP64_LOCATOR_LENGTH = 20;

    private static final int UTF8_NAMES = 1 << 11;
    private static final int STORED = 0;
    private static final int VERSION_PLAIN = 20;
    private static final int VERSION_ZIP64 = 45;
    private static final int MADE_ON_UNIX = 3 << 8;
    private static final int REGULAR_FILE_0644 = 0100644 << 16;
    private static final int ZIP64_FIELD = 0x0001;

    private ZipHeaders() {
    }

    static byte[] local(EntryPlan e) {
        boolean zip64 = e.sizeNeedsZip64();
        ByteBuffer b = buffer(e.localHeaderLength());
        b.putInt(0x04034b50);
        b.putShort((short) (zip64 ? VERSION_ZIP64 : VERSION_PLAIN));
        b.putShort((short) UTF8_NAMES);
        b.putShort((short) STORED);
        b.putShort((short) DosTime.time(e.dosTime()));
        b.putShort((short) DosTime.date(e.dosTime()));
        b.putInt((int) e.item().crc32());
        b.putInt((int) capped(e.item().size()));
        b.putInt((int) capped(e.item().size()));
        b.putShort((short) e.name().length);
        b.putShort((short) e.localExtraLength());
        b.put(e.name());
        if (zip64) {
            // In a local header the ZIP64 field always carries both sizes.
            b.putShort((short) ZIP64_FIELD).putShort((short) 16);
            b.putLong(e.item().size()).putLong(e.item().size());
        }
        return b.array();
    }

    static byte[] central(EntryPlan e) {
        boolean zip64 = e.centralExtraLength() > 0;
        int version = zip64 ? VERSION_ZIP64 : VERSION_PLAIN;
        ByteBuffer b = buffer(e.centralHeaderLength());
        b.putInt(0x02014b50);
        b.putShort((short) (MADE_ON_UNIX | version));
        b.putShort((short) version);
        b.putShort((short) UTF8_NAMES);
        b.putShort((short) STORED);
        b.putShort((short) DosTime.time(e.dosTime()));
        b.putShort((short) DosTime.date(e.dosTime()));
        b.putInt((int) e.item().crc32());
        b.putInt((int) capped(e.item().size()));
        b.putInt((int) capped(e.item().size()));
        b.putShort((short) e.name().length);
        b.putShort((short) e.centralExtraLength());
        b.putShort((short) 0); // comment length
        b.putShort((short) 0); // disk number
        b.putShort((short) 0); // internal attributes
        b.putInt(REGULAR_FILE_0644);
        b.putInt((int) capped(e.localOffset()));
        b.put(e.name());
        if (zip64) {
            b.putShort((short) ZIP64_FIELD).putShort((short) (e.centralExtraLength() - 4));
            if (e.sizeNeedsZip64()) {
                b.putLong(e.item().size()).putLong(e.item().size());
            }
            if (e.offsetNeedsZip64()) {
                b.putLong(e.localOffset());
            }
        }
        return b.array();
    }

    /** Whether the directory's count, size or offset reaches its marker in the classic end record. */
    static boolean endNeedsZip64(long entries, long directorySize, long directoryOffset) {
        return entries >= EntryPlan.MAX_16 || directorySize >= EntryPlan.MAX_32 || directoryOffset >= EntryPlan.MAX_32;
    }

    /** The ZIP64 end record and its locator (when needed), then the classic end record. */
    static byte[] end(long entries, long directorySize, long directoryOffset) {
        boolean zip64 = endNeedsZip64(entries, directorySize, directoryOffset);
        ByteBuffer b = buffer((zip64 ? ZIP64_END_LENGTH + ZIP64_LOCATOR_LENGTH : 0) + END_LENGTH);
        if (zip64) {
            long zip64EndOffset = directoryOffset + directorySize;
            b.putInt(0x06064b50);
            b.putLong(ZIP64_END_LENGTH - 12);
            b.putShort((short) (MADE_ON_UNIX | VERSION_ZIP64));
            b.putShort((short) VERSION_ZIP64);
            b.putInt(0).putInt(0);
            b.putLong(entries).putLong(entries);
            b.putLong(directorySize).putLong(directoryOffset);
            b.putInt(0x07064b50);
            b.putInt(0);
            b.putLong(zip64EndOffset);
            b.putInt(1);
        }
        int count = (int) Math.min(entries, EntryPlan.MAX_16);
        b.putInt(0x06054b50);
        b.putShort((short) 0).putShort((short) 0);
        b.putShort((short) count).putShort((short) count);
        b.putInt((int) capped(directorySize));
        b.putInt((int) capped(directoryOffset));
        b.putShort((short) 0); // comment length
        return b.array();
    }

    private static long capped(long value) {
        return Math.min(value, EntryPlan.MAX_32);
    }

    private static ByteBuffer buffer(int length) {
        return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    }
}
