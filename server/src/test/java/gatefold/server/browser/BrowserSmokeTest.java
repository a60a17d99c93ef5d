package gatefold.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The browser the other browser tests rely on starts, loads a Gatefold page and saves a screenshot. */
class BrowserSmokeTest {

    @Test
    void chromiumLoadsAGatefoldPageAndSavesAScreenshot() {
        try (Browser browser = Browser.start(); TestServer server = TestServer.start()) {
            browser.open(server.url("/health/live"));
            assertThat(browser.html()).isNotBlank();
            Path shot = browser.screenshot("browser-smoke");
            assertThat(shot).exists();
            assertThat(shot.toFile().length()).isGreaterThan(100);
            assertThat(shot.getFileName().toString()).isEqualTo("browser-smoke.png");
            assertThat(Files.isRegularFile(shot)).isTrue();
        }
    }
}
