package gatefold.server.observe;

import gatefold.server.config.DeliveryMode;
import gatefold.server.delivery.DownloadMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Download links, as the operator sees them:
 * {@code gatefold_link_resolutions_total{outcome, reason}} (outcome redirect, stream or
 * headers with reason none, or refused with the refusal's code as reason), {@code gatefold_downloads_started_total{mode}} and
 * {@code gatefold_download_sent_bytes_total{mode}} (bytes this server sent as download
 * bodies; in redirect mode the store sends them). Counters are made once, so a click costs
 * an increment.
 */
public final class DownloadCounters implements DownloadMetrics {

    private final MeterRegistry registry;
    private final Map<Answer, Counter> answers = new EnumMap<>(Answer.class);
    private final ConcurrentMap<String, Counter> refusals = new ConcurrentHashMap<>();
    private final Counter started;
    private final Counter sentBytes;

    DownloadCounters(MeterRegistry registry, DeliveryMode mode) {
        this.registry = registry;
        for (Answer answer : Answer.values()) {
            answers.put(answer, resolutions(answer.name().toLowerCase(), "none").register(registry));
        }
        String modeName = mode.name().toLowerCase();
        this.started = Counter.builder("gatefold.downloads.started").tag("mode", modeName)
                .description("Downloads counted: requests from byte 0, or new resume windows of releases with a limit")
                .register(registry);
        this.sentBytes = Counter.builder("gatefold.download.sent").baseUnit("bytes").tag("mode", modeName)
                .description("Bytes of download bodies this server sent").register(registry);
    }

    private static Counter.Builder resolutions(String outcome, String reason) {
        return Counter.builder("gatefold.link.resolutions").tags("outcome", outcome, "reason", reason)
                .description("Clicks on download links by how they were answered");
    }

    @Override
    public void answered(Answer answer) {
        answers.get(answer).increment();
    }

    @Override
    public void refused(String code) {
        refusals.computeIfAbsent(code, c -> resolutions("refused", c).register(registry)).increment();
    }

    @Override
    public void started() {
        started.increment();
    }

    /** Once per download response, with the body bytes that left. */
    void sent(long bytes) {
        sentBytes.increment(bytes);
    }
}
