package gatefold.server.jobs;

import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** What every lane and every run on this instance shares: the database, the clock, the settings, and who is told how runs end. */
record QueueParts(Jdbi jdbi, Clock clock, JobSettings settings, JobObserver observer) {
}
