package gatefold.server.tools;

import gatefold.server.common.Refusal;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of ffmpeg or ffprobe: an argument list (never a shell, so no value is ever
 * interpreted), stdin closed, a deadline after which the process and its children are
 * killed, and output kept within fixed bounds so a chatty or hostile file cannot fill memory.
 */
public final class ToolRun {

    /** How a run ended. */
    public enum Ending { EXITED, TIMED_OUT, INTERRUPTED, NOT_STARTED }

    /**
     * What a run left: how it ended, its exit code (-1 unless it exited), the stdout kept (empty when
     * it went line by line to a reader), whether that was cut, and the end of its stderr.
     */
    public record Result(Ending ending, int exitCode, String stdout, boolean stdoutCut, String stderr) {

        public boolean ok() {
            return ending == Ending.EXITED && exitCode == 0;
        }

        /** The last non-empty line of stderr, which is where ffmpeg says what went wrong. */
        public String lastLine() {
            String[] lines = stderr.strip().split("\n");
            return lines.length == 0 ? "" : lines[lines.length - 1].strip();
        }

        /** This result when the tool ran to its end (whatever its exit code); else refused as unavailable. */
        public Result finished(String tool, Duration timeout) {
            return switch (ending) {
                case EXITED -> this;
                case TIMED_OUT -> throw Refusal.unavailable(tool + " took longer than " + timeout.toSeconds()
                        + " s and was stopped", Duration.ofMinutes(5));
                case INTERRUPTED -> throw Refusal.unavailable(tool + " was interrupted", Duration.ofMinutes(1));
                case NOT_STARTED -> throw Refusal.unavailable(tool + " could not be started: " + stderr, Duration.ofMinutes(5));
            };
        }
    }

    /** stderr is always kept from its end: that is where ffmpeg says what went wrong. */
    public static final int STDERR_LIMIT = 64 * 1024;
    private static final Optional<Path> NICE = onPath("nice");

    private ToolRun() {
    }

    /**
     * Runs {@code command} to its end or its deadline. Never throws: a timeout or an interrupt kills
     * the process tree (an interrupt also stays set on this thread), a program that cannot start
     * ends {@link Ending#NOT_STARTED} with the reason as its stderr.
     */
    public static Result run(List<String> command, Duration timeout, ToolOutput stdout) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(Ending.NOT_STARTED, -1, "", false, String.valueOf(e.getMessage()));
        }
        ToolOutput.Drain out = stdout.drain(process.getInputStream());
        ToolOutput.Drain err = ToolOutput.tail(STDERR_LIMIT).drain(process.getErrorStream());
        Ending ending = Ending.EXITED;
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ending = Ending.TIMED_OUT;
            }
        } catch (InterruptedException e) {
            ending = Ending.INTERRUPTED; // the interrupt is set again once the tree is gone and the output read
        }
        if (ending != Ending.EXITED) {
            kill(process);
        }
        out.finish();
        err.finish();
        if (ending == Ending.INTERRUPTED) {
            Thread.currentThread().interrupt();
        }
        int code = ending == Ending.EXITED ? process.exitValue() : -1;
        return new Result(ending, code, out.text(), out.cut(), err.text());
    }

    /** The command for work that must not starve serving: the program under {@code nice -n 10} when there is one. */
    public static List<String> niced(Path program, List<String> args) {
        List<String> command = new ArrayList<>();
        NICE.ifPresent(n -> command.addAll(List.of(n.toString(), "-n", "10")));
        command.add(program.toString());
        command.addAll(args);
        return command;
    }

    /** A program on PATH (or in /usr/bin), if it is there and can be run. */
    public static Optional<Path> onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return Optional.of(Path.of(dir, command));
            }
        }
        return Optional.empty();
    }

    /** Kills the process and everything it started (nice execs the tool, but filters may fork), and waits briefly. */
    private static void kill(Process process) {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        family.add(process.toHandle());
        try {
            CompletableFuture.allOf(family.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the kill signals are sent; a process that outlives them is the OS's to reap
        }
    }
}
