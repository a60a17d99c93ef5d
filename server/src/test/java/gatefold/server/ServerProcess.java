package gatefold.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code gatefold serve} as a real child process, the way an operator runs it. */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ServerProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static ServerProcess start(Map<String, String> env, String... jvmArgs) {
        return start(env, List.of(), jvmArgs);
    }

    /** As above, with options after {@code serve} (such as {@code --role worker}). */
    public static ServerProcess start(Map<String, String> env, List<String> serveOptions, String... jvmArgs) {
        try {
            Path logs = Files.createTempDirectory("gatefold-proc");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(jvmArgs));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "gatefold.server.Main", "serve"));
            command.addAll(serveOptions);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(logs.resolve("out").toFile())
                    .redirectError(logs.resolve("err").toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("GATEFOLD_"));
            builder.environment().put("GATEFOLD_HOST", "127.0.0.1");
            builder.environment().putAll(env);
            return new ServerProcess(builder.start(), logs.resolve("out"), logs.resolve("err"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the "listening on" line and returns the port; fails if the process exits first. */
    public int awaitListening(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Matcher m = LISTENING.matcher(stdout() + stderr());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("server exited with " + process.exitValue() + ": " + stderr());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("server did not start in " + timeout + ": " + stdout() + stderr());
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server did not exit in " + timeout + ": " + stdout() + stderr());
        }
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM, as a service manager or container runtime sends it. */
    public void terminate() {
        process.destroy();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
