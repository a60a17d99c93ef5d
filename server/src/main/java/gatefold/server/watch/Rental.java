package gatefold.server.watch;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** A rental's clock: start by {@code startBy}; once started, {@code watchHours} to finish. */
public record Rental(String entitlementId, Instant startBy, int watchHours, Instant firstPlayAt) {

    /** Where a rental stands: not started yet (and still in time), being watched, or over. */
    public enum State {
        NOT_STARTED, WATCHING, ENDED;

        /** As the library's JSON writes it: {@code not_started}, {@code watching}, {@code ended}. */
        @JsonValue
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** When watching ends: unknown until the first play. */
    public Optional<Instant> endsAt() {
        return Optional.ofNullable(firstPlayAt).map(at -> at.plus(Duration.ofHours(watchHours)));
    }

    /** The one rule of both windows, shared by the stream's check and the library's words. */
    public State state(Instant now) {
        if (firstPlayAt == null) {
            return now.isAfter(startBy) ? State.ENDED : State.NOT_STARTED;
        }
        return now.isBefore(endsAt().orElseThrow()) ? State.WATCHING : State.ENDED;
    }
}
