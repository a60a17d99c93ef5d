package gatefold.server.faults;

import gatefold.server.ApiClient;
import gatefold.server.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Gatefold in a child process that a test can kill outright ({@code kill -9}) and start
 * again on the same data dir, port and settings, as a service manager restarts a crashed server.
 * Every start's console output is kept, for tests that read what the server logged.
 */
public final class ChildGatefold implements AutoCloseable {

    public static final String ADMIN_TOKEN = "gfa_fault_suite_admin_token_0123456789abcdef";
    private static final Duration START = Duration.ofSeconds(90);

    private final Map<String, String> env;
    private final int port;
    private final Path dataDir;
    private final List<ServerProcess> runs = new ArrayList<>();
    private ServerProcess current;

    private ChildGatefold(Map<String, String> env, int port, Path dataDir) {
        this.env = env;
        this.port = port;
        this.dataDir = dataDir;
    }

    /** Starts a server with these settings on top of a fresh data dir, a fixed port and a known admin token. */
    public static ChildGatefold start(Map<String, String> settings) {
        try {
            return start(settings, freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same on a port the test chose (a proxy in front was told it before the server started). */
    public static ChildGatefold start(Map<String, String> settings, int port) {
        try {
            Path dataDir = Files.createTempDirectory("gatefold-faults");
            Map<String, String> env = new HashMap<>();
            env.put("GATEFOLD_DATA_DIR", dataDir.toString());
            env.put("GATEFOLD_PORT", Integer.toString(port));
            env.put("GATEFOLD_BASE_URL", "http://127.0.0.1:" + port);
            env.put("GATEFOLD_ADMIN_TOKEN", ADMIN_TOKEN);
            env.putAll(settings);
            ChildGatefold server = new ChildGatefold(env, port, dataDir);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() {
        current = ServerProcess.start(env, "-Xmx256m", "-XX:TieredStopAtLevel=1");
        runs.add(current);
        try {
            int listening = current.awaitListening(START);
            if (listening != port) {
                throw new AssertionError("listening on " + listening + ", not " + port);
            }
        } catch (AssertionError e) {
            current.close();
            throw e;
        } catch (Exception e) {
            current.close();
            throw new AssertionError(e);
        }
    }

    /** SIGKILL: no shutdown hook, no graceful stop, no flush; what a power cut or the OOM killer does. */
    public void kill() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-9", Long.toString(current.pid())).inheritIO().start().waitFor();
        current.awaitExit(Duration.ofSeconds(30));
    }

    /** Starts it again on the same data dir, database, store and port. */
    public void restart() {
        launch();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public ApiClient api() {
        return new ApiClient(url(""), ADMIN_TOKEN);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Everything every start of the server wrote to its console, so far. */
    public String output() {
        StringBuilder all = new StringBuilder();
        for (ServerProcess run : runs) {
            all.append(run.stdout()).append(run.stderr());
        }
        return all.toString();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
        }
    }
}
