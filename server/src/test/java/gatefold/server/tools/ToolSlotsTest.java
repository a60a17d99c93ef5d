package gatefold.server.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** More threads than slots: never more runs at once than slots, and every run still happens. */
class ToolSlotsTest {

    @Test
    void runsWaitForAFreeSlot() throws Exception {
        Path running = Files.createTempDirectory("gatefold-slots");
        // Each run marks itself, stays a moment, and prints how many runs it saw at the same time.
        List<String> command = List.of("sh", "-c", "touch \"$0/$$\"; sleep 0.3; ls \"$0\" | wc -l; rm \"$0/$$\"", running.toString());
        ToolSlots slots = new ToolSlots(2);
        ExecutorService threads = Executors.newFixedThreadPool(5);
        try {
            List<Future<ToolRun.Result>> runs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                runs.add(threads.submit(() -> slots.run(command, Duration.ofSeconds(30), ToolOutput.head(100))));
            }
            int most = 0;
            for (Future<ToolRun.Result> run : runs) {
                ToolRun.Result result = run.get();
                assertThat(result.ok()).isTrue();
                most = Math.max(most, Integer.parseInt(result.stdout().strip()));
            }
            assertThat(most).as("runs seen at once").isBetween(1, 2);
            assertThat(slots.available()).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aThreadStoppedWhileWaitingEndsInterruptedAndTakesNoSlot() throws Exception {
        ToolSlots slots = new ToolSlots(1);
        Thread holder = new Thread(() -> slots.run(List.of("sleep", "2"), Duration.ofSeconds(30), ToolOutput.head(10)));
        holder.start();
        while (slots.available() > 0) {
            Thread.sleep(5);
        }
        ToolRun.Result[] waited = new ToolRun.Result[1];
        Thread waiter = new Thread(() -> waited[0] = slots.run(List.of("true"), Duration.ofSeconds(30), ToolOutput.head(10)));
        waiter.start();
        Thread.sleep(100);
        waiter.interrupt();
        waiter.join();
        assertThat(waited[0].ending()).isEqualTo(ToolRun.Ending.INTERRUPTED);
        holder.join();
        assertThat(slots.available()).isEqualTo(1);
    }
}
