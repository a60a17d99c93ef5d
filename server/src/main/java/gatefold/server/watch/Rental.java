package gatefold.server.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A rental's clock: start by {@code startBy}; once started, {@code watchHours} to finish. */
public record Rental(String entitlementId, Instant startBy, int watchHours, Instant firstPlayAt) {

    /** When watching ends: unknown until the first play. */
    public Optional<Instant> endsAt() {
        return Optional.ofNullable(firstPlayAt).map(at -> at.plus(Duration.ofHours(watchHours)));
    }
}
