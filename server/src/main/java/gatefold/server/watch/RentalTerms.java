package gatefold.server.watch;

import java.time.Duration;
import java.time.Instant;

/**
 * A rental as the fan's library shows it at one moment: its windows, where it stands and how
 * long is left, so an API client need not redo {@link Rental#state} itself. {@code endsAt} is
 * null until the first play; {@code secondsLeft} counts to {@code startBy} before it, to
 * {@code endsAt} while watching, and is 0 once over.
 */
public record RentalTerms(String entitlementId, Instant startBy, int watchHours, Instant firstPlayAt,
                          Rental.State state, Instant endsAt, long secondsLeft) {

    public static RentalTerms of(Rental rental, Instant now) {
        Rental.State state = rental.state(now);
        Instant endsAt = rental.endsAt().orElse(null);
        long left = switch (state) {
            case NOT_STARTED -> Duration.between(now, rental.startBy()).toSeconds();
            case WATCHING -> Duration.between(now, endsAt).toSeconds();
            case ENDED -> 0;
        };
        return new RentalTerms(rental.entitlementId(), rental.startBy(), rental.watchHours(), rental.firstPlayAt(),
                state, endsAt, Math.max(0, left));
    }
}
