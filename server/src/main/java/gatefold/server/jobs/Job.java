package gatefold.server.jobs;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/**
 * One job as stored, for the dashboard and the runners. {@code owner} names the instance
 * and run that holds (or last held) it; {@code progress} runs from 0 to 1 while it runs.
 */
public record Job(String id, String kind, @ColumnName("job_key") String key, Lane lane, String payload, JobState state,
                  Instant runAt, int attempts, int maxAttempts, Long repeatEveryMs, String owner, Instant leaseUntil,
                  Double progress, String lastError, Instant createdAt, Instant startedAt, Instant finishedAt) {

    public Optional<String> error() {
        return Optional.ofNullable(lastError);
    }

    boolean periodic() {
        return repeatEveryMs != null;
    }
}
