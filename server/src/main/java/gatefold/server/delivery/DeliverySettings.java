package gatefold.server.delivery;

import gatefold.server.config.DeliveryMode;
import java.net.URI;
import java.time.Duration;

/**
 * How downloads are handed over: by redirect or streamed, the public address links point
 * at, how long a link lasts, how long a download stays open for resuming, and the memory
 * for small files fans stream from S3.
 */
public record DeliverySettings(DeliveryMode mode, URI publicUrl, Duration linkLifetime, Duration resumeWindow,
                               long hotFileBytes) {
}
