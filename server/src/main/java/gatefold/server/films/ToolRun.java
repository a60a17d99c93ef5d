package gatefold.server.films;

import gatefold.server.common.Refusal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs ffmpeg or ffprobe as a child process: arguments as a list (never a shell), at lower
 * priority through {@code nice -n 10} when the system has it so a long packaging job leaves the
 * store responsive, killed with everything it started when the time is up, and with only the
 * last few kilobytes of its error output kept (ffmpeg can print megabytes of warnings).
 */
final class ToolRun {

    static final int STDERR_KEEP = 16 * 1024;
    private static final Path NICE = Path.of("/usr/bin/nice");

    /** How a run ended: the exit code and the tail of what it printed on stderr. */
    record Ended(int exitCode, String stderrTail) {

        boolean ok() {
            return exitCode == 0;
        }

        /** The last non-empty line of stderr, which is where ffmpeg says what went wrong. */
        String lastLine() {
            String[] lines = stderrTail.strip().split("\n");
            return lines.length == 0 ? "" : lines[lines.length - 1].strip();
        }
    }

    private ToolRun() {
    }

    /**
     * Runs a program to the end, handing each line of its stdout to {@code stdoutLines} (on a
     * reader thread). A run that outlives {@code timeout} is killed and refused as unavailable.
     */
    static Ended run(Path program, List<String> args, Duration timeout, Consumer<String> stdoutLines) {
        Process process = start(program, args);
        TailBuffer stderr = new TailBuffer(STDERR_KEEP);
        Thread errReader = drain(process.getErrorStream(), stderr::append, "stderr");
        Thread outReader = drain(process.getInputStream(), stdoutLines, "stdout");
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                throw Refusal.unavailable(program.getFileName() + " took longer than " + timeout.toSeconds()
                        + " s and was stopped", Duration.ofMinutes(5));
            }
            outReader.join(5_000);
            errReader.join(5_000);
            return new Ended(process.exitValue(), stderr.text());
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw Refusal.unavailable(program.getFileName() + " was interrupted", Duration.ofMinutes(1));
        }
    }

    /** Runs a program and returns its whole stdout, refusing output beyond {@code maxChars}. */
    static String capture(Path program, List<String> args, Duration timeout, int maxChars) {
        StringBuilder out = new StringBuilder();
        boolean[] tooMuch = {false};
        Ended ended = run(program, args, timeout, line -> {
            if (out.length() + line.length() > maxChars) {
                tooMuch[0] = true;
            } else {
                out.append(line).append('\n');
            }
        });
        if (tooMuch[0]) {
            throw Refusal.invalid(program.getFileName() + " described this file at unusual length; it is not a film we can read");
        }
        if (!ended.ok()) {
            throw new ToolFailed(ended);
        }
        return out.toString();
    }

    /** A run that exited with an error; callers turn it into a refusal in their own words. */
    static final class ToolFailed extends RuntimeException {
        final Ended ended;

        ToolFailed(Ended ended) {
            super("exit " + ended.exitCode() + ": " + ended.lastLine(), null, false, false);
            this.ended = ended;
        }
    }

    static List<String> command(Path program, List<String> args) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(NICE)) {
            command.addAll(List.of(NICE.toString(), "-n", "10"));
        }
        command.add(program.toString());
        command.addAll(args);
        return command;
    }

    private static Process start(Path program, List<String> args) {
        ProcessBuilder builder = new ProcessBuilder(command(program, args));
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            return builder.start();
        } catch (IOException e) {
            throw Refusal.unavailable(program + " could not be started: " + e.getMessage(), Duration.ofMinutes(5));
        }
    }

    /** Kills the process and whatever it started (nice execs the tool, but filters may fork). */
    static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lines longer than this are cut: no file's metadata may make us hold a huge line. */
    static final int MAX_LINE = 64 * 1024;

    private static Thread drain(InputStream in, Consumer<String> lines, String name) {
        Thread thread = new Thread(() -> {
            try (Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = reader.read()) != -1) {
                    if (c == '\n') {
                        lines.accept(line.toString());
                        line.setLength(0);
                    } else if (line.length() < MAX_LINE && c != '\r') {
                        line.append((char) c);
                    }
                }
                if (!line.isEmpty()) {
                    lines.accept(line.toString());
                }
            } catch (IOException e) {
                // the process was killed; what was read is what we have
            }
        }, "film-tool-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Keeps only the last {@code limit} characters appended, so a chatty run costs bounded memory. */
    static final class TailBuffer {
        private final int limit;
        private final StringBuilder text = new StringBuilder();

        TailBuffer(int limit) {
            this.limit = limit;
        }

        synchronized void append(String line) {
            text.append(line, 0, Math.min(line.length(), limit)).append('\n');
            if (text.length() > 2 * limit) {
                text.delete(0, text.length() - limit);
            }
        }

        synchronized String text() {
            return text.length() > limit ? text.substring(text.length() - limit) : text.toString();
        }
    }
}
