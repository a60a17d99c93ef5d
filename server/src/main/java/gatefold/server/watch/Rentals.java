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

    /** Whether this purchase is a rental that is over (a purchase to own never is). */
    public boolean ended(String entitlementId) {
        return of(entitlementId).map(r -> r.state(clock.instant()) == Rental.State.ENDED).orElse(false);
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
        if (r.state(now) == Rental.State.NOT_STARTED && starting) {
            // Of two instances starting it at once, one sets the clock and both read it back.
            jdbi.useExtension(WatchDao.class, dao -> dao.startClock(entitlementId, now));
            r = of(entitlementId).orElseThrow();
        }
        if (r.state(now) != Rental.State.ENDED) {
            return;
        }
        throw Refusal.forbidden("rental_expired", r.firstPlayAt() == null
                ? "This rental had to be started by " + r.startBy() + "; it can no longer be watched."
                : "This rental ended at " + r.endsAt().orElseThrow() + ".");
    }
}
