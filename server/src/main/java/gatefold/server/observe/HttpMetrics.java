package gatefold.server.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code http_server_requests_seconds{method, route, status}}: every answer, by route
 * template ({@code /d/{token}}, never the path itself), method and status class
 * ({@code 2xx}...). Timers are looked up in a map of their own, so a request costs one
 * lookup and one record; methods outside the usual few count as {@code other}.
 */
public final class HttpMetrics {

    static final String NAME = "http.server.requests";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final String[] STATUS_CLASSES = {"1xx", "1xx", "2xx", "3xx", "4xx", "5xx"};
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private record Key(String route, String method, int statusClass) {
    }

    private final MeterRegistry registry;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String route, String method, int status, long nanos) {
        int statusClass = status >= 100 && status < 600 ? status / 100 : 5;
        String m = METHODS.contains(method) ? method : "other";
        timers.computeIfAbsent(new Key(route, m, statusClass), this::timer).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key key) {
        return Timer.builder(NAME)
                .description("HTTP answers by route template, method and status class")
                .tags("route", key.route(), "method", key.method(), "status", STATUS_CLASSES[key.statusClass()])
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
