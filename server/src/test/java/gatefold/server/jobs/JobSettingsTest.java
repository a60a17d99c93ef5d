package gatefold.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.config.ConfigException;
import gatefold.server.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How many transcodes run at once, and how long retries wait. */
class JobSettingsTest {

    @Test
    void transcodeWorkersDefaultToAllCoresButOneAndFollowTheSetting() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(JobSettings.encoders(Settings.of(Map.of()))).isEqualTo(Math.max(1, cores - 1));
        assertThat(JobSettings.encoders(Settings.of(Map.of("GATEFOLD_TRANSCODE_WORKERS", "3")))).isEqualTo(3);
        // one thread more than encoders: a job stores what it made while the next encode runs
        assertThat(JobSettings.from(Settings.of(Map.of("GATEFOLD_TRANSCODE_WORKERS", "3"))).workers(Lane.MEDIA)).isEqualTo(4);
        assertThatThrownBy(() -> JobSettings.from(Settings.of(Map.of("GATEFOLD_TRANSCODE_WORKERS", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GATEFOLD_TRANSCODE_WORKERS");
    }

    @Test
    void retryPausesDoubleUpToTheLongestWithJitter() {
        JobKind kind = JobKind.of("test.pauses", Lane.MAIL).withRetries(Duration.ofSeconds(10), Duration.ofMinutes(1));
        for (int i = 0; i < 50; i++) {
            assertThat(kind.backoff(1)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
            assertThat(kind.backoff(3)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(40));
            assertThat(kind.backoff(10)).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1));
            assertThat(kind.backoff(1000)).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1));
        }
    }
}
