package gatefold.server.watch;

import gatefold.server.common.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The clock of each rental, kept in the database so every instance agrees: a window to start
 * (from the purchase), then a window to finish from the first playlist fetch. Past either, the
 * stream refuses; a purchase to own has no row here and never expires.
 */
public final class Rentals {

    private final Jdbi jdbi;
    private final Clock clock;

    public Rentals(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Makes a purchase a rental under the offer's windows, starting now. */
    public Rental rent(String entitlementId, FilmOffer offer) {
        Rental rental = new Rental(entitlementId, clock.instant().plus(Duration.ofDays(offer.rentStartDays())),
                offer.rentWatchHours(), null);
        jdbi.useExtension(WatchDao.class, dao -> dao.insertRental(rental));
        return rental;
    }

    public Optional<Rental> of(String entitlementId) {
        return jdbi.withExtension(WatchDao.class, dao -> dao.rental(entitlementId));
    }

    /**
     * Lets a viewer of this purchase in now, or refuses with 403 {@code rental_expired}. A
     * playlist fetch ({@code starting}) starts a rental's clock if it has not started.
     */
    public void admit(String entitlementId, boolean starting) {
        Optional<Rental> rental = of(entitlementId);
        if (rental.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Rental r = rental.get();
        if (r.firstPlayAt() == null) {
            if (now.isAfter(r.startBy())) {
                throw Refusal.forbidden("rental_expired", "This rental had to be started by " + r.startBy() + "; it can no longer be watched.");
            }
            if (!starting) {
                return;
            }
            jdbi.useExtension(WatchDao.class, dao -> dao.startClock(entitlementId, now));
            r = of(entitlementId).orElseThrow();
        }
        if (!now.isBefore(r.endsAt().orElseThrow())) {
            throw Refusal.forbidden("rental_expired", "This rental ended at " + r.endsAt().get() + ".");
        }
    }
}
