package gatefold.server.jobs;

import java.time.Instant;
import java.util.Optional;

/**
 * How many jobs of one kind are in one state, and for queued ones the time the longest-waiting
 * due job was due ({@code oldestDue}, absent when none is due yet: a recurring job waiting for
 * its next turn is not late).
 */
public record KindCount(String kind, Lane lane, JobState state, long jobs, Instant oldestDue) {

    public Optional<Instant> oldestDueAt() {
        return Optional.ofNullable(oldestDue);
    }
}
