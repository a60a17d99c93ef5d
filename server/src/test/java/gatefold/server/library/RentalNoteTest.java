package gatefold.server.library;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.watch.Rental;
import gatefold.server.watch.RentalTerms;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The library's words for a rental's time left, before, during and after its windows, and the windows' edges. */
class RentalNoteTest {

    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void aRentalSaysHowLongIsLeft() {
        Rental notStarted = new Rental("e", NOW.plus(Duration.ofDays(30)), 72, null);
        assertThat(LibraryRoutes.rentalNote(RentalTerms.of(notStarted, NOW))).isEqualTo(
                "Rented: start watching by 2027-01-05 10:00 UTC, then you have 72 hours to finish.");
        Rental watching = new Rental("e", NOW.plus(Duration.ofDays(30)), 48, NOW.minus(Duration.ofHours(7)));
        assertThat(LibraryRoutes.rentalNote(RentalTerms.of(watching, NOW))).isEqualTo("Rented: 41 hours left to watch (until 2026-12-08 03:00 UTC).");
        assertThat(LibraryRoutes.rentalNote(RentalTerms.of(watching, NOW.plus(Duration.ofHours(41))))).isEqualTo(
                "This rental ended on 2026-12-08 03:00 UTC.");
        Rental late = new Rental("e", NOW.minusSeconds(1), 48, null);
        assertThat(LibraryRoutes.rentalNote(RentalTerms.of(late, NOW))).isEqualTo("This rental was not started in time and has ended.");
    }

    /** The edges of both windows, as the stream's check and these words both read them. */
    @Test
    void theLastMomentToStartStillStartsAndTheEndIsTheEnd() {
        Rental notStarted = new Rental("e", NOW, 3, null);
        assertThat(notStarted.state(NOW)).isEqualTo(Rental.State.NOT_STARTED);
        assertThat(notStarted.state(NOW.plusMillis(1))).isEqualTo(Rental.State.ENDED);
        Rental watching = new Rental("e", NOW, 3, NOW);
        assertThat(watching.state(NOW.plus(Duration.ofHours(3)).minusMillis(1))).isEqualTo(Rental.State.WATCHING);
        assertThat(watching.state(NOW.plus(Duration.ofHours(3)))).isEqualTo(Rental.State.ENDED);
        assertThat(LibraryRoutes.rentalNote(RentalTerms.of(watching, NOW.plus(Duration.ofHours(3)).minusMillis(1))))
                .startsWith("Rented: less than an hour left to watch");
        assertThat(LibraryRoutes.rentalNote(RentalTerms.of(watching, NOW.plus(Duration.ofHours(3))))).startsWith("This rental ended on");
    }

    /** What an API client reads: where the rental stands and the seconds left, counted to the window that is open. */
    @Test
    void theTermsCountDownToTheOpenWindow() {
        RentalTerms notStarted = RentalTerms.of(new Rental("e", NOW.plus(Duration.ofDays(2)), 48, null), NOW);
        assertThat(notStarted.state()).isEqualTo(Rental.State.NOT_STARTED);
        assertThat(notStarted.endsAt()).isNull();
        assertThat(notStarted.secondsLeft()).isEqualTo(Duration.ofDays(2).toSeconds());
        RentalTerms watching = RentalTerms.of(new Rental("e", NOW.plus(Duration.ofDays(2)), 48, NOW.minus(Duration.ofHours(7))), NOW);
        assertThat(watching.state()).isEqualTo(Rental.State.WATCHING);
        assertThat(watching.endsAt()).isEqualTo(NOW.plus(Duration.ofHours(41)));
        assertThat(watching.secondsLeft()).isEqualTo(Duration.ofHours(41).toSeconds());
        RentalTerms ended = RentalTerms.of(new Rental("e", NOW.minus(Duration.ofDays(1)), 48, NOW.minus(Duration.ofHours(49))), NOW);
        assertThat(ended.state()).isEqualTo(Rental.State.ENDED);
        assertThat(ended.secondsLeft()).isZero();
        assertThat(RentalTerms.of(new Rental("e", NOW.minusSeconds(1), 48, null), NOW).secondsLeft()).isZero();
    }
}
