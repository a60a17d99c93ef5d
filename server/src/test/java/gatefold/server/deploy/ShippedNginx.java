package gatefold.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.OsTool;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * Debian's nginx running deploy/nginx.conf, as shipped, with only the lines marked "# instance"
 * (where to listen, where the instances are) pointed at this machine and temp files in the
 * test's own directory: what the deployed-config and cluster tests put in front of Gatefold.
 */
public record ShippedNginx(Process process, Path dir, int port) implements AutoCloseable {

    public static ShippedNginx start(int... upstreams) throws Exception {
        Path binary = OsTool.NGINX.require();
        Path dir = Files.createTempDirectory("gatefold-nginx");
        int port = freePort();
        Path config = dir.resolve("nginx.conf");
        Files.writeString(config, forThisMachine(Files.readString(shipped(), StandardCharsets.UTF_8), dir, port, upstreams));
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-p", dir.toString(), "-c", config.toString(),
                "-e", "stderr", "-g", "daemon off; pid " + dir.resolve("nginx.pid") + ";"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("output.log").toFile())
                .start();
        ShippedNginx nginx = new ShippedNginx(process, dir, port);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("nginx stopped: " + nginx.output());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        return nginx;
    }

    static Path shipped() {
        Path fromModule = Path.of("..", "deploy", "nginx.conf");
        return Files.exists(fromModule) ? fromModule : Path.of("deploy", "nginx.conf");
    }

    /** Only the marked lines change, and temp files go to the test's own directory. */
    static String forThisMachine(String shipped, Path dir, int port, int... upstreams) {
        StringBuilder out = new StringBuilder();
        int servers = 0;
        int listens = 0;
        for (String line : shipped.split("\n", -1)) {
            if (line.contains("# instance") && line.strip().startsWith("server ")) {
                assertThat(servers).as("more instances in the file than in the test").isLessThan(upstreams.length);
                line = line.replaceFirst("server \\S+:\\d+", "server 127.0.0.1:" + upstreams[servers++]);
            } else if (line.contains("# instance") && line.strip().startsWith("listen ")) {
                line = line.replaceFirst("listen \\S+;", "listen 127.0.0.1:" + port + ";");
                listens++;
            }
            out.append(line).append('\n');
            if (line.strip().equals("http {")) {
                for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
                    out.append("    ").append(temp).append("_temp_path ").append(dir.resolve(temp)).append(";\n");
                }
            }
        }
        assertThat(servers).isEqualTo(upstreams.length);
        assertThat(listens).isEqualTo(1);
        return out.toString();
    }

    public String output() {
        try {
            return Files.readString(dir.resolve("output.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
