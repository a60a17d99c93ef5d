package gatefold.server.jobs;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What sort of job this is and how it is run: its lane, how many attempts it gets, how
 * long one attempt may take, and how long to wait before trying again. Features declare
 * their kinds as constants; the enqueuer and the runner use the same constant.
 */
public record JobKind(String name, Lane lane, int maxAttempts, Duration timeout, Duration firstRetry, Duration longestRetry) {

    public JobKind {
        if (!name.matches("[a-z][a-z0-9._-]{0,59}")) {
            throw new IllegalArgumentException("a job kind is 1 to 60 lower-case letters, digits, dots, dashes: " + name);
        }
        if (maxAttempts < 1 || timeout.isNegative() || timeout.isZero() || firstRetry.isNegative()
                || longestRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("job kind " + name + ": attempts, timeout or retry pauses out of range");
        }
    }

    /** Five attempts, ten minutes each, retries after about 10 s, 20 s, 40 s... up to an hour. */
    public static JobKind of(String name, Lane lane) {
        return new JobKind(name, lane, 5, Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofHours(1));
    }

    public JobKind withMaxAttempts(int attempts) {
        return new JobKind(name, lane, attempts, timeout, firstRetry, longestRetry);
    }

    public JobKind withTimeout(Duration limit) {
        return new JobKind(name, lane, maxAttempts, limit, firstRetry, longestRetry);
    }

    public JobKind withRetries(Duration first, Duration longest) {
        return new JobKind(name, lane, maxAttempts, timeout, first, longest);
    }

    /**
     * The pause after failed attempt {@code attempt} (1 = the first): doubling from
     * {@link #firstRetry}, capped at {@link #longestRetry}, then a random half to all of it,
     * so jobs that failed together (a mail server down) do not all come back together.
     */
    public Duration backoff(int attempt) {
        long first = firstRetry.toMillis();
        long cap = longestRetry.toMillis();
        long full = attempt >= 40 ? cap : Math.min(cap, first << Math.max(0, attempt - 1));
        if (full < 0) {
            full = cap; // overflow of the shift
        }
        long half = full / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(full - half + 1));
    }
}
