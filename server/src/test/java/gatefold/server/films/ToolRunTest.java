package gatefold.server.films;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.common.Refusal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolRunTest {

    private static final Path SH = Path.of("/bin/sh");

    @Test
    void aChattyRunKeepsOnlyTheEndOfItsErrorOutput() {
        List<String> lines = new ArrayList<>();
        ToolRun.Ended ended = ToolRun.run(SH, List.of("-c",
                "head -c 5000000 /dev/zero | tr '\\0' 'x' >&2; echo >&2; echo 'the real reason' >&2; head -c 200000 /dev/zero | tr '\\0' 'y'; echo; echo done; exit 3"),
                Duration.ofSeconds(30), lines::add);
        assertThat(ended.exitCode()).isEqualTo(3);
        assertThat(ended.stderrTail().length()).isLessThanOrEqualTo(ToolRun.STDERR_KEEP);
        assertThat(ended.lastLine()).isEqualTo("the real reason");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).hasSize(ToolRun.MAX_LINE);
        assertThat(lines.get(1)).isEqualTo("done");
    }

    @Test
    void aRunPastItsTimeIsKilledWithWhatItStarted() {
        long before = ProcessHandle.current().descendants().count();
        assertThatThrownBy(() -> ToolRun.run(SH, List.of("-c", "sleep 60 & sleep 60 & wait"), Duration.ofMillis(500), line -> { }))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.UNAVAILABLE))
                .hasMessageContaining("was stopped");
        assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("sleep")).count()).isZero();
        assertThat(ProcessHandle.current().descendants().count()).isLessThanOrEqualTo(before);
    }

    @Test
    void programsRunAtLowerPriorityWhenNiceIsThere() {
        assertThat(ToolRun.command(Path.of("/usr/bin/ffmpeg"), List.of("-i", "a b.mp4")))
                .endsWith("/usr/bin/ffmpeg", "-i", "a b.mp4")
                .startsWith(java.nio.file.Files.isExecutable(Path.of("/usr/bin/nice")) ? new String[] {"/usr/bin/nice", "-n", "10"} : new String[0]);
    }
}
