package gatefold.server.delivery;

import java.time.LocalDate;

/** Counted downloads of a release for the artist: per file and per day. */
public final class DownloadStats {

    private DownloadStats() {
    }

    public record FileCount(String fileId, long downloads) {
    }

    public record DayCount(LocalDate downloadDay, long downloads) {
    }
}
