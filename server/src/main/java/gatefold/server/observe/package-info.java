/**
 * What the operator sees of a running Gatefold: {@link gatefold.server.observe.Metrics} (one
 * Prometheus registry per instance, scraped at {@code GET /metrics} or on its own port),
 * {@link gatefold.server.observe.RequestObserver} (a Jetty handler around every request, the
 * link fast path's included: request id, HTTP metrics by route template, byte counts, access
 * log), the hooks features report to ({@code delivery.DownloadMetrics} implemented by
 * {@link gatefold.server.observe.DownloadCounters}, {@link gatefold.server.observe.JobMetrics}
 * for the job queue, the store timed by a wrapper), and the logging set-up
 * ({@link gatefold.server.observe.LogSetup}: text or JSON lines, configured in code).
 */
package gatefold.server.observe;
