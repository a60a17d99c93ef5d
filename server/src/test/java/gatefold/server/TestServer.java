package gatefold.server;

import gatefold.server.config.Config;
import gatefold.server.config.Settings;
import gatefold.server.db.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Gatefold on a free loopback port with a throwaway data dir, and an HTTP client for it.
 * A test class with a server of its own registers it, and it stops after the class:
 * <pre>
 *     &#64;RegisterExtension
 *     static final TestServer server = TestServer.start();
 *     static final ApiClient api = new ApiClient(server);
 * </pre>
 * (Settings that need another extension started first, such as a GreenMail port, are not known
 * yet when static fields are set: such classes start their server in {@code @BeforeAll}.)
 */
public final class TestServer implements AutoCloseable, AfterAllCallback {

    /**
     * The database servers start on unless their settings name one: H2, or the shared PostgreSQL
     * with {@code -Dgatefold.test.db=postgres} (the whole suite on PostgreSQL) or for the classes
     * marked {@link OnPostgres}.
     */
    public static final TestDatabases.Kind DEFAULT_DATABASE =
            "postgres".equalsIgnoreCase(System.getProperty("gatefold.test.db", "h2")) ? TestDatabases.Kind.POSTGRES : TestDatabases.Kind.H2;
    private static volatile TestDatabases.Kind database = DEFAULT_DATABASE;
    /** A data dir keeps its PostgreSQL database, so a server started again on it finds its data. */
    private static final Map<Path, Map<String, String>> postgresByDataDir = new java.util.concurrent.ConcurrentHashMap<>();

    private static final java.util.concurrent.atomic.AtomicInteger startedOnH2 = new java.util.concurrent.atomic.AtomicInteger();

    public final Gatefold gatefold;
    public final Path dataDir;
    public final String consoleOutput;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Gatefold gatefold, Path dataDir, String consoleOutput) {
        this.gatefold = gatefold;
        this.dataDir = dataDir;
        this.consoleOutput = consoleOutput;
    }

    public static TestServer start() {
        return start(Map.of());
    }

    /** The settings for a store in {@code bucket} of a running S3Proxy (a map to add to). */
    public static Map<String, String> onS3(gatefold.storage.S3ProxyServer s3, String bucket) {
        Map<String, String> env = new HashMap<>();
        env.put("GATEFOLD_STORE", "s3");
        env.put("GATEFOLD_S3_ENDPOINT", s3.endpoint().toString());
        env.put("GATEFOLD_S3_BUCKET", bucket);
        env.put("GATEFOLD_S3_ACCESS_KEY", s3.accessKey());
        env.put("GATEFOLD_S3_SECRET_KEY", s3.secretKey());
        return env;
    }

    public static TestServer start(Map<String, String> overrides) {
        try {
            return start(Files.createTempDirectory("gatefold-test"), overrides);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A server on a fresh, empty database of the tests' shared PostgreSQL instead of the embedded
     * H2; it migrates the database as it starts, as a production server does. The data dir still
     * holds the files and the master key.
     */
    public static TestServer startOnPostgres(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(TestDatabases.postgresUrl().settings());
        values.putAll(overrides);
        return start(values);
    }

    public static TestServer startOnPostgres() {
        return startOnPostgres(Map.of());
    }

    static void useDatabase(TestDatabases.Kind kind) {
        database = kind;
    }

    /** The database servers of the running test class start on. */
    public static TestDatabases.Kind database() {
        return database;
    }

    /** A server whose rules read time from {@code clock} (a {@link MovableClock}: days pass in a test). */
    public static TestServer start(Map<String, String> overrides, java.time.Clock clock) {
        try {
            return start(Files.createTempDirectory("gatefold-test"), overrides, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestServer start(Path dataDir, Map<String, String> overrides) {
        return start(dataDir, overrides, java.time.Clock.systemUTC());
    }

    public static TestServer start(Path dataDir, Map<String, String> overrides, java.time.Clock clock) {
        Map<String, String> values = new HashMap<>();
        if (database == TestDatabases.Kind.POSTGRES && !overrides.containsKey("GATEFOLD_DB_URL")) {
            values.putAll(postgresByDataDir.computeIfAbsent(dataDir.toAbsolutePath(), d -> TestDatabases.postgresUrl().settings()));
        }
        values.put("GATEFOLD_HOST", "127.0.0.1");
        values.put("GATEFOLD_PORT", "0");
        values.put("GATEFOLD_DATA_DIR", dataDir.toString());
        values.put("GATEFOLD_SHUTDOWN_GRACE_SECONDS", "5");
        values.putAll(overrides);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Gatefold gatefold = Gatefold.start(Config.from(Settings.of(values)), new PrintStream(console, true, StandardCharsets.UTF_8),
                clock);
        if (!values.getOrDefault("GATEFOLD_DB_URL", "").startsWith("jdbc:postgresql:")) {
            startedOnH2.incrementAndGet();
        }
        return new TestServer(gatefold, dataDir, console.toString(StandardCharsets.UTF_8));
    }

    /** How many servers have started on H2 (embedded or named) in this JVM: an {@link OnPostgres} class must add none. */
    static int startedOnH2() {
        return startedOnH2.get();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + gatefold.port() + path;
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET(), headers);
    }

    public HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient client() {
        return http;
    }

    @Override
    public void close() {
        gatefold.close();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
