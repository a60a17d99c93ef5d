package gatefold.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule a store's temporary files and an import's folder share: a live owner's lock is never
 * taken, nor lost by being asked about in its own process (POSIX drops a process's lock when it
 * closes any channel on the file); a lock nobody holds means the owner is gone.
 */
class OwnerLockTest {

    @TempDir
    Path dir;

    @Test
    void aLockHeldHereIsNotTakenOverNorDroppedByAsking() throws Exception {
        Path file = dir.resolve(".running");
        try (OwnerLock held = OwnerLock.hold(file)) {
            assertThat(OwnerLock.heldHere(file)).isTrue();
            assertThat(OwnerLock.takeOver(file)).isEmpty();
            assertThat(OwnerLock.takeOver(dir.resolve("x/../.running"))).isEmpty(); // the same file by another path
            assertThatThrownBy(() -> OwnerLock.hold(file)).isInstanceOf(IOException.class);
            // Another process sees the lock still held after all that asking.
            assertThat(probeFromAnotherProcess(file)).isEqualTo("held");
        }
        assertThat(OwnerLock.heldHere(file)).isFalse();
        assertThat(probeFromAnotherProcess(file)).isEqualTo("free");
    }

    @Test
    void aLockNobodyHoldsIsTakenOverOnceAndAMissingFileHasNoOwnerToJudge() throws Exception {
        Path left = Files.writeString(dir.resolve(".owner-dead.lock"), ""); // what a killed process leaves
        Optional<OwnerLock> taken = OwnerLock.takeOver(left);
        assertThat(taken).isPresent();
        assertThat(OwnerLock.takeOver(left)).isEmpty(); // a second sweep here waits for the first
        taken.get().close();
        assertThat(OwnerLock.heldHere(left)).isFalse();
        assertThat(OwnerLock.takeOver(dir.resolve("never-made.lock"))).isEmpty();
    }

    /** Whether a fresh JVM can take the file's lock: "held" or "free". */
    private String probeFromAnotherProcess(Path file) throws Exception {
        Path probe = Files.writeString(dir.resolve("Probe.java"), """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                public class Probe {
                    public static void main(String[] args) throws Exception {
                        try (FileChannel c = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
                            System.out.print(c.tryLock() == null ? "held" : "free");
                        }
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, probe.toString(), file.toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
