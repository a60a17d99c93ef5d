package gatefold.server.cli.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class PushProgressBarsTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void finishedFilesScrollAboveTheLiveBarsAndTheWholePushEndsFull() {
        StringWriter screen = new StringWriter();
        Progress progress = new TerminalProgress(new PrintWriter(screen), 100, "Field Recordings", 30 * MIB);
        Progress.FileProgress side = progress.file("side-a.flac", 20 * MIB, 8 * MIB);
        Progress.FileProgress notes = progress.file("liner-notes-with-a-rather-long-name.pdf", 10 * MIB, 0);
        side.sent(6 * MIB);
        side.sent(-2 * MIB);
        side.sent(8 * MIB);
        notes.sent(10 * MIB);
        side.done("sent (3 parts, 1 already in the store)");
        notes.done("sent (2 parts)");
        progress.line("side-a.flac  sha256 3f07e37bc0a78f8a…  matches the store");
        progress.close();

        String text = screen.toString();
        String plain = text.replaceAll("\u001b\\[[0-9]*[A-Za-z]", "");
        assertThat(plain).contains("side-a.flac", "sent (3 parts, 1 already in the store)", "liner-not", "…")
                .contains("matches the store").contains("Field Recordings").contains("100%");
        // The last thing drawn is the whole-push bar, full, on a line of its own.
        String[] lines = plain.split("\n");
        assertThat(lines[lines.length - 1]).contains("Field Recordings").contains("100%").contains("30/30 MiB");
        assertThat(plain).contains("MiB/s  sent (2 parts)");
        assertThat(text.indexOf("matches the store")).isGreaterThan(text.lastIndexOf("sent (2 parts)"));
    }
}
