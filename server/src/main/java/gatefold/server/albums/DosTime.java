package gatefold.server.albums;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The MS-DOS date and time that zip headers carry: two 16-bit fields, 2-second steps, years
 * 1980 to 2107. Taken in UTC so the same item gives the same bytes on every server.
 */
final class DosTime {

    private static final LocalDateTime EARLIEST = LocalDateTime.of(1980, 1, 1, 0, 0, 0);
    private static final LocalDateTime LATEST = LocalDateTime.of(2107, 12, 31, 23, 59, 58);

    private DosTime() {
    }

    /** The date in the high 16 bits, the time in the low 16 bits (the order zip readers print them). */
    static int of(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.isBefore(EARLIEST)) {
            t = EARLIEST;
        } else if (t.isAfter(LATEST)) {
            t = LATEST;
        }
        int date = (t.getYear() - 1980) << 9 | t.getMonthValue() << 5 | t.getDayOfMonth();
        int time = t.getHour() << 11 | t.getMinute() << 5 | t.getSecond() / 2;
        return date << 16 | time;
    }

    static int date(int dosDateTime) {
        return dosDateTime >>> 16;
    }

    static int time(int dosDateTime) {
        return dosDateTime & 0xFFFF;
    }
}
