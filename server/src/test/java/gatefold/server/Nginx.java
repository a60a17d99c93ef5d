package gatefold.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Debian's nginx as a child process of the test, with a generated configuration in a temp
 * directory: pid file, logs and temp paths all inside it, so it runs as any user. Listens
 * on a free 127.0.0.1 port. {@link #reverseProxy} puts it in front of Gatefold instances
 * the way an operator would (X-Forwarded-For and X-Forwarded-Proto set, nothing buffered);
 * {@link #start} takes any {@code server} block for other uses (benchmarks, clusters).
 */
public final class Nginx implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;

    private Nginx(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** nginx balancing over the given Gatefold ports (round robin), as an operator's reverse proxy. */
    public static Nginx reverseProxy(int... upstreamPorts) {
        String servers = java.util.Arrays.stream(upstreamPorts).mapToObj(p -> "        server 127.0.0.1:" + p + ";")
                .collect(Collectors.joining("\n"));
        return start("""
                    upstream gatefold {
                %s
                        keepalive 16;
                    }
                    server {
                        listen 127.0.0.1:${port};
                        client_max_body_size 0;
                        location / {
                            proxy_pass http://gatefold;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $http_host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_set_header X-Forwarded-Proto $scheme;
                            proxy_buffering off;
                            proxy_request_buffering off;
                        }
                    }
                """.formatted(servers));
    }

    /**
     * nginx with {@code httpBlock} inside {@code http { }}; {@code ${port}} in it becomes the free
     * port chosen here. Waits until the port answers.
     */
    public static Nginx start(String httpBlock) {
        Path binary = OsTool.NGINX.require();
        try {
            Path dir = Files.createTempDirectory("gatefold-nginx");
            int port = freePort();
            String t = dir.toString();
            String config = """
                    %s
                    worker_processes 1;
                    daemon off;
                    pid %s/nginx.pid;
                    error_log %s/error.log info;
                    events { worker_connections 1024; }
                    http {
                        access_log %s/access.log;
                        client_body_temp_path %s/client_body;
                        proxy_temp_path %s/proxy;
                        fastcgi_temp_path %s/fastcgi;
                        uwsgi_temp_path %s/uwsgi;
                        scgi_temp_path %s/scgi;
                    %s
                    }
                    """.formatted(isRoot() ? "user root;" : "", t, t, t, t, t, t, t, t,
                    httpBlock.replace("${port}", Integer.toString(port)));
            Files.writeString(dir.resolve("nginx.conf"), config, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(binary.toString(), "-p", t, "-c", dir.resolve("nginx.conf").toString(),
                    "-e", dir.resolve("error.log").toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            Nginx nginx = new Nginx(process, dir, port);
            nginx.awaitListening(Duration.ofSeconds(20));
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("nginx exited with " + process.exitValue() + ": " + log("stdout.log") + log("error.log"));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        close();
        throw new AssertionError("nginx did not listen within " + timeout + ": " + log("error.log"));
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /** nginx's error log (or another log file in its directory), for a failing test's message. */
    public String log(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the master (which stops its worker) and waits for it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
