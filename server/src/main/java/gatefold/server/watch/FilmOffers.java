package gatefold.server.watch;

import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.Refusal;
import gatefold.server.delivery.Entitlement;
import gatefold.server.sales.Purchase;
import gatefold.server.sales.SaleListener;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * How each film is sold beyond its price, and the rules that follow from it: a rental's purchase
 * gets its clock the moment it is confirmed (before any receipt is written), and neither a rental
 * nor a stream-only film hands out a download of its master.
 */
public final class FilmOffers implements SaleListener {

    /** The purchase source of a rental. */
    public static final String RENTAL = gatefold.server.sales.Checkout.RENTAL;
    private final Jdbi jdbi;
    private final Rentals rentals;
    private final Clock clock;

    FilmOffers(Jdbi jdbi, Rentals rentals, Clock clock) {
        this.jdbi = jdbi;
        this.rentals = rentals;
        this.clock = clock;
    }

    public FilmOffer of(String releaseId) {
        return jdbi.withExtension(WatchDao.class, dao -> dao.offer(releaseId)).orElse(FilmOffer.standard(releaseId, clock.instant()));
    }

    /** What renting the film costs, in the release's currency; empty when it is not for rent. */
    public Optional<gatefold.server.common.Money> rentPrice(Release release) {
        if (!release.kind().equals("film")) {
            return Optional.empty();
        }
        FilmOffer offer = of(release.id());
        return offer.forRent() ? Optional.of(new gatefold.server.common.Money(offer.rentPriceMinor(),
                java.util.Currency.getInstance(release.currency()))) : Optional.empty();
    }

    /** The release page's rent form, when the film can be rented. */
    public Optional<gatefold.web.views.store.RentForm> rentForm(Release release) {
        return rentPrice(release).map(price -> {
            FilmOffer offer = of(release.id());
            return new gatefold.web.views.store.RentForm("/checkout/" + release.id(), price.toString(), offer.rentStartDays()
                    + " days to start, then " + offer.rentWatchHours() + " hours to finish");
        });
    }

    public FilmOffer set(Release owned, boolean streamOnly, Optional<Long> rentPriceMinor, Optional<Integer> startDays,
                         Optional<Integer> watchHours) {
        if (!owned.kind().equals("film")) {
            throw Refusal.invalid("Only a film can be stream-only or rented.");
        }
        FilmOffer offer = new FilmOffer(owned.id(), streamOnly, rentPriceMinor.orElse(null),
                startDays.orElse(FilmOffer.DEFAULT_START_DAYS), watchHours.orElse(FilmOffer.DEFAULT_WATCH_HOURS), clock.instant());
        jdbi.useExtension(WatchDao.class, dao -> {
            if (dao.updateOffer(offer) == 0) {
                dao.insertOffer(offer);
            }
        });
        return offer;
    }

    /** A confirmed rental starts its window to start watching now. */
    @Override
    public void confirmed(Purchase purchase) {
        if (RENTAL.equals(purchase.source()) && purchase.entitlementId() != null && rentals.of(purchase.entitlementId()).isEmpty()) {
            rentals.rent(purchase.entitlementId(), of(purchase.releaseId()));
        }
    }

    /** Whether a purchase gets no download of this file: a film's master, when rented or the film is stream-only. */
    public boolean withheld(Entitlement entitlement, ReleaseFile file) {
        return withheld(jdbi, entitlement.id(), entitlement.releaseId(), file.role());
    }

    /** The rule itself, shared by the links a purchase lists and the click on one ({@link FilmFormats}). */
    static boolean withheld(Jdbi jdbi, String entitlementId, String releaseId, String role) {
        if (!role.equals("master")) {
            return false;
        }
        return jdbi.withExtension(WatchDao.class, dao -> dao.rental(entitlementId).isPresent()
                || dao.offer(releaseId).map(FilmOffer::streamOnly).orElse(false));
    }
}
