package gatefold.server.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.server.catalog.CatalogJobs;
import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.Jobs;
import gatefold.server.jobs.Lane;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The real job queue of a running server as /metrics shows it: jobs per kind and state, runs, and how late the queue is. */
class JobQueueMetricsTest {

    @Test
    void metricsShowJobsPerKindAndStateRunsAndTheOldestWaitingJob() throws Exception {
        try (TestServer server = TestServer.start()) {
            String admin = new ApiClient(server).adminToken();
            Jobs jobs = server.gatefold.services().jobs();
            // No instance runs this kind, so it waits: due a minute ago, it is the oldest waiting media job.
            JobKind unclaimed = JobKind.of("test.nobody-runs-this", Lane.MEDIA);
            jobs.enqueue(unclaimed, "waiting-1", "{}", Instant.now().minusSeconds(60));
            jobs.enqueue(unclaimed, "waiting-2", "{}", Instant.now().minusSeconds(5));

            // The verifier recurs every 2 seconds on an instance that runs background work.
            await().atMost(Duration.ofSeconds(20)).until(() -> PrometheusText.parse(MetricsTest.scrape(server, admin))
                    .find("gatefold_job_runs_total", "kind", CatalogJobs.VERIFY.name(), "outcome", "done")
                    .map(s -> s.value() >= 1).orElse(false));
            PrometheusText metrics = PrometheusText.parse(MetricsTest.scrape(server, admin));

            assertThat(metrics.value("gatefold_jobs", "kind", "test.nobody-runs-this", "state", "queued")).isEqualTo(2);
            assertThat(metrics.find("gatefold_jobs", "kind", CatalogJobs.VERIFY.name())).isPresent();
            assertThat(metrics.value("gatefold_job_oldest_queued_seconds", "lane", "media")).isBetween(60.0, 120.0);
            assertThat(metrics.find("gatefold_job_oldest_queued_seconds", "lane", "mail")).isPresent();
            assertThat(metrics.value("gatefold_job_queue_depth", "lane", "media", "state", "queued")).isGreaterThanOrEqualTo(2);
            assertThat(metrics.value("gatefold_job_duration_seconds_count", "kind", CatalogJobs.VERIFY.name(), "outcome", "done"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metrics.types).containsEntry("gatefold_job_runs_total", "counter")
                    .containsEntry("gatefold_jobs", "gauge").containsEntry("gatefold_job_oldest_queued_seconds", "gauge");
        }
    }
}
