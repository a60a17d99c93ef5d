package gatefold.server.watch;

import gatefold.server.common.Refusal;
import java.time.Instant;

/**
 * How a film is sold beyond its release price: {@code streamOnly} (fans watch, the master is not
 * downloaded), and a rental at {@code rentPriceMinor} (null: not for rent) with {@code
 * rentStartDays} to start and {@code rentWatchHours} to finish once the first playlist is fetched.
 */
public record FilmOffer(String releaseId, boolean streamOnly, Long rentPriceMinor, int rentStartDays, int rentWatchHours,
                        Instant updatedAt) {

    public static final int DEFAULT_START_DAYS = 30;
    public static final int DEFAULT_WATCH_HOURS = 72;

    public FilmOffer {
        if (rentStartDays < 1 || rentStartDays > 365 || rentWatchHours < 1 || rentWatchHours > 24 * 30) {
            throw Refusal.invalid("a rental gives 1 to 365 days to start and 1 to 720 hours to finish");
        }
        if (rentPriceMinor != null && rentPriceMinor < 0) {
            throw Refusal.invalid("a rental price is 0 or more");
        }
    }

    public static FilmOffer standard(String releaseId, Instant at) {
        return new FilmOffer(releaseId, false, null, DEFAULT_START_DAYS, DEFAULT_WATCH_HOURS, at);
    }

    public boolean forRent() {
        return rentPriceMinor != null;
    }
}
