package gatefold.server.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.common.Refusal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ToolRunTest {

    @Test
    void aRunThatOverrunsIsKilledWithItsChildren() {
        long started = System.nanoTime();
        ToolRun.Result result = ToolRun.run(List.of("sh", "-c", "sleep 30 & echo $!; wait"), Duration.ofMillis(500),
                ToolOutput.head(1024));
        assertThat(result.ending()).isEqualTo(ToolRun.Ending.TIMED_OUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        long child = Long.parseLong(result.stdout().trim());
        ProcessHandle.of(child).ifPresent(sleep -> sleep.onExit().orTimeout(5, TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).as("the child sleep").isFalse();
    }

    @Test
    void aRunPastItsTimeIsRefusedAsUnavailableWithWhatItStartedKilled() {
        long before = ProcessHandle.current().descendants().count();
        Duration timeout = Duration.ofMillis(500);
        assertThatThrownBy(() -> ToolRun.run(ToolRun.niced(Path.of("/bin/sh"), List.of("-c", "sleep 60 & sleep 60 & wait")),
                timeout, ToolOutput.ignored()).finished("sh", timeout))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.UNAVAILABLE))
                .hasMessageContaining("sh took longer than 0 s and was stopped");
        assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("sleep")).count()).isZero();
        assertThat(ProcessHandle.current().descendants().count()).isLessThanOrEqualTo(before);
    }

    @Test
    void anInterruptedRunIsKilledAndTheInterruptStays() throws Exception {
        ToolRun.Result[] result = new ToolRun.Result[1];
        boolean[] stillInterrupted = new boolean[1];
        Thread runner = new Thread(() -> {
            result[0] = ToolRun.run(List.of("sh", "-c", "sleep 30 & echo $!; wait"), Duration.ofSeconds(30), ToolOutput.head(1024));
            stillInterrupted[0] = Thread.currentThread().isInterrupted();
        });
        runner.start();
        Thread.sleep(300);
        runner.interrupt();
        runner.join(15_000);
        assertThat(result[0].ending()).isEqualTo(ToolRun.Ending.INTERRUPTED);
        assertThat(stillInterrupted[0]).isTrue();
        assertThatThrownBy(() -> result[0].finished("sh", Duration.ofSeconds(30))).hasMessageContaining("sh was interrupted");
    }

    @Test
    void errorOutputIsKeptWithinBoundsFromItsEnd() {
        ToolRun.Result result = ToolRun.run(List.of("sh", "-c", "head -c 1000000 /dev/zero | tr '\\0' a >&2; echo THE-END >&2"),
                Duration.ofSeconds(20), ToolOutput.head(1024));
        assertThat(result.ok()).isTrue();
        assertThat(result.stderr()).hasSizeLessThanOrEqualTo(ToolRun.STDERR_LIMIT).endsWith("THE-END\n");
    }

    @Test
    void aChattyRunHandsOverCutLinesAndKeepsTheLastErrorLine() {
        List<String> lines = new ArrayList<>();
        ToolRun.Result ended = ToolRun.run(List.of("/bin/sh", "-c",
                "head -c 5000000 /dev/zero | tr '\\0' 'x' >&2; echo >&2; echo 'the real reason' >&2; head -c 200000 /dev/zero | tr '\\0' 'y'; echo; echo done; exit 3"),
                Duration.ofSeconds(30), ToolOutput.lines(lines::add));
        assertThat(ended.exitCode()).isEqualTo(3);
        assertThat(ended.stderr().length()).isLessThanOrEqualTo(ToolRun.STDERR_LIMIT);
        assertThat(ended.lastLine()).isEqualTo("the real reason");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).hasSize(ToolOutput.MAX_LINE);
        assertThat(lines.get(1)).isEqualTo("done");
    }

    @Test
    void jsonIsKeptFromItsStartAndSaysWhenItWasCut() {
        ToolRun.Result result = ToolRun.run(List.of("sh", "-c", "echo '{\"a\": 1}'; head -c 5000 /dev/zero"),
                Duration.ofSeconds(20), ToolOutput.head(1024));
        assertThat(result.stdout()).startsWith("{\"a\": 1}").hasSize(1024);
        assertThat(result.stdoutCut()).isTrue();
    }

    @Test
    void aProgramThatCannotStartSaysWhy() {
        ToolRun.Result result = ToolRun.run(List.of("/opt/nowhere/ffmpeg"), Duration.ofSeconds(5), ToolOutput.ignored());
        assertThat(result.ending()).isEqualTo(ToolRun.Ending.NOT_STARTED);
        assertThatThrownBy(() -> result.finished("ffmpeg", Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.UNAVAILABLE))
                .hasMessageContaining("ffmpeg could not be started");
    }

    @Test
    void programsRunAtLowerPriorityWhenNiceIsThere() {
        List<String> command = ToolRun.niced(Path.of("/usr/bin/ffmpeg"), List.of("-i", "a b.mp4"));
        assertThat(command).endsWith("/usr/bin/ffmpeg", "-i", "a b.mp4");
        if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
            assertThat(command).hasSize(6).contains("-n", "10").first().asString().endsWith("/nice");
        }
    }
}
