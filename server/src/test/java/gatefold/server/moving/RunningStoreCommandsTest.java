package gatefold.server.moving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ServerProcess;
import gatefold.server.TestServer;
import gatefold.server.config.Config;
import gatefold.server.config.Settings;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator's commands beside a running store on the embedded H2 database: {@code gatefold serve}
 * runs as its own process on a data dir, and export, import-buyers and keys rotate run as other
 * processes on the same data dir (they reach the file through the server's AUTO_SERVER port). Import
 * is refused with one line. The server keeps answering after every command has closed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunningStoreCommandsTest {

    private static final String ADMIN = "gfa_running-store-admin-token-0123456789";
    private static Path work;
    private static Path dataDir;
    private static MovingFixture source;
    private static Map<String, String> stoppedEntries;
    private static ServerProcess server;
    private static String base;

    @BeforeAll
    static void aStoreExportedStoppedThenRunning() throws Exception {
        work = Files.createTempDirectory("gatefold-running");
        dataDir = work.resolve("data");
        String h2 = Config.from(Settings.of(Map.of("GATEFOLD_DATA_DIR", dataDir.toString()))).dbUrl();
        try (TestServer seed = TestServer.start(dataDir, Map.of("GATEFOLD_DB_URL", h2))) {
            source = new MovingFixture(seed, "Running Store", "running@example.com");
        }
        assertThat(gatefold("stopped", "export", "--out", work.resolve("stopped.tar").toString()).exit).isZero();
        stoppedEntries = entries(work.resolve("stopped.tar"));
        server = ServerProcess.start(Map.of("GATEFOLD_DATA_DIR", dataDir.toString(), "GATEFOLD_PORT", "0",
                "GATEFOLD_ADMIN_TOKEN", ADMIN), "-Xmx256m");
        base = "http://127.0.0.1:" + server.awaitListening(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.terminate();
            server.awaitExit(Duration.ofSeconds(30));
        }
    }

    @Test
    @Order(1) // before the other commands add rows
    void exportWhileTheStoreRunsWritesTheSameArchiveAsWhenItIsStopped() throws Exception {
        Run export = gatefold("running-export", "export", "--out", work.resolve("running.tar").toString());
        assertThat(export.exit).as(export.err).isZero();
        assertThat(entries(work.resolve("running.tar"))).isEqualTo(stoppedEntries);
        assertThat(stoppedEntries).hasSizeGreaterThan(3);
        serverStillAnswers();
    }

    @Test
    void importBuyersWhileTheStoreRunsShowsTheirPurchasesAtOnce() throws Exception {
        Path csv = Files.writeString(work.resolve("buyers.csv"), "Buyer Email,Date\nearly-fan@example.com,2024-02-01\n");
        String release = source.releaseIds.get(1);
        Run buyers = gatefold("running-buyers", "import-buyers", "--release", release, csv.toString(), "--yes");
        assertThat(buyers.exit).as(buyers.err).isZero();
        assertThat(buyers.out).contains("1 imported");
        ApiClient api = new ApiClient(base, ADMIN);
        assertThat(api.get("/api/purchases?release=" + release, source.artist.token()).body()).contains("early-fan@example.com");
        serverStillAnswers();
    }

    @Test
    void keysRotateWhileTheStoreRunsSignsTheServersNewLinksWithTheNewKey() throws Exception {
        Run rotate = gatefold("running-rotate", "keys", "rotate");
        assertThat(rotate.exit).as(rotate.err).isZero();
        String kid = rotate.out.replaceAll("(?s).*signed with key (\\S+);.*", "$1");
        ApiClient api = new ApiClient(base, ADMIN);
        HttpClient http = HttpClient.newHttpClient();
        // The server re-reads its signing key at most a second after a change; no restart.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String link = api.post("/api/releases/" + source.releaseIds.get(1) + "/purchases", source.artist.token(),
                    Map.of("email", "after-rotation@example.com", "source", "gift")).json().path("downloads").get(0).path("url").asText();
            assertThat(kidOf(link)).isEqualTo(kid);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).isEqualTo(200);
        });
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + URI.create(source.downloadUrl).getRawPath())).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).as("a link signed before the rotation").isEqualTo(200);
        serverStillAnswers();
    }

    @Test
    void importWhileTheStoreRunsIsRefusedWithOneLine() throws Exception {
        Run imported = gatefold("running-import", "import", work.resolve("stopped.tar").toString());
        assertThat(imported.exit).isEqualTo(2);
        assertThat(imported.err.strip()).doesNotContain("\n").doesNotContain("Exception")
                .startsWith("gatefold: the store is running on the embedded database in " + dataDir)
                .contains("PID " + server.pid()).contains("stop the server first");
        serverStillAnswers();
    }

    @Test
    void theDatabasePortListensOnLoopbackAndAdmitsOnlyTheKeyInTheOwnerOnlyLockFile() throws Exception {
        Path lockFile = dataDir.resolve("db").resolve("gatefold.lock.db");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lockFile))).isEqualTo("rw-------");
        Properties lock = new Properties();
        try (var in = Files.newInputStream(lockFile)) {
            lock.load(in);
        }
        String address = lock.getProperty("server");
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + port + "/" + "0".repeat(43), "sa", "")
                .close()).as("a client without the key").isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + port + "/" + dataDir.resolve("db")
                .resolve("gatefold"), "sa", "").close()).as("a client naming the file").isInstanceOf(SQLException.class);
        for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (var ip : java.util.Collections.list(nic.getInetAddresses())) {
                if (!ip.isLoopbackAddress()) {
                    try (java.net.Socket socket = new java.net.Socket()) {
                        assertThatThrownBy(() -> socket.connect(new InetSocketAddress(ip, port), 2000)).as("port on " + ip)
                                .isInstanceOf(java.io.IOException.class);
                    }
                }
            }
        }
        serverStillAnswers();
    }

    @Test
    void aSecondServerOnTheSameDataDirIsRefusedRatherThanJoiningThroughThePort() throws Exception {
        try (ServerProcess second = ServerProcess.start(Map.of("GATEFOLD_DATA_DIR", dataDir.toString(), "GATEFOLD_PORT", "0"))) {
            assertThat(second.awaitExit(Duration.ofSeconds(90))).isEqualTo(2);
            assertThat(second.stderr()).contains("in use by another Gatefold process (PID " + server.pid() + ")");
        }
        serverStillAnswers();
    }

    private static void serverStillAnswers() throws Exception {
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as(server.stderr()).isEqualTo(200);
    }

    /** Each entry's name with its manifest-listed SHA-256 (or the table's row count): the archive's content, not its dates. */
    private static Map<String, String> entries(Path archive) throws Exception {
        Map<String, byte[]> read = MovingArchives.read(Files.readAllBytes(archive));
        JsonNode manifest = ApiClient.JSON.readTree(read.get(ArchiveLayout.MANIFEST));
        Map<String, String> entries = new TreeMap<>();
        read.keySet().forEach(name -> entries.put(name, ""));
        manifest.path("tables").forEach(t -> entries.put(t.path("entry").asText(), t.path("rows").asText()));
        manifest.path("blobs").forEach(b -> entries.put(b.path("entry").asText(), b.path("sha256").asText()));
        return entries;
    }

    static String kidOf(String link) {
        String header = link.substring(link.indexOf("/d/") + 3).split("\\.")[0];
        return new String(Base64.getUrlDecoder().decode(header)).replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    private record Run(int exit, String out, String err) {
    }

    /** {@code gatefold ARGS} on the data dir, in a JVM of its own (as an operator runs it beside the server). */
    private static Run gatefold(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "gatefold.server.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(work.resolve(name + ".out").toFile())
                .redirectError(work.resolve(name + ".err").toFile()).directory(new File(work.toString()));
        builder.environment().keySet().removeIf(k -> k.startsWith("GATEFOLD_"));
        builder.environment().put("GATEFOLD_DATA_DIR", dataDir.toString());
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(name).isTrue();
        return new Run(process.exitValue(), Files.readString(work.resolve(name + ".out")), Files.readString(work.resolve(name + ".err")));
    }
}
