package gatefold.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: S3Proxy 2.6.0 with its filesystem backend, run as a child
 * process (it shades its own Jetty, so it never shares our classpath) with signature
 * checking on. {@link #shared()} starts one per JVM for every test class to reuse.
 *
 * <p>The jar comes from the system property {@code gatefold.s3proxy.jar}, else
 * {@code target/tools/s3proxy.jar} under the working directory (the module folder under
 * Maven). If S3Proxy cannot start, this throws: tests that need S3 never skip silently.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String JAR_PROPERTY = "gatefold.s3proxy.jar";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static S3ProxyServer shared;

    private volatile Process process;
    private final Path jar;
    private final Path config;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final Path dataDir;
    private final Path logFile;

    private S3ProxyServer(Process process, Path jar, Path config, URI endpoint, String accessKey, String secretKey,
                          Path dataDir, Path logFile) {
        this.process = process;
        this.jar = jar;
        this.config = config;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.dataDir = dataDir;
        this.logFile = logFile;
    }

    /** One server per JVM, started on first use and stopped when the JVM exits. */
    public static synchronized S3ProxyServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            S3ProxyServer server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3proxy-stop"));
            shared = server;
        }
        return shared;
    }

    /** A server of the caller's own, stopped by {@link #close()}. */
    public static S3ProxyServer start() {
        return start(jarPath());
    }

    /** A server of the caller's own from a given S3Proxy jar. */
    public static S3ProxyServer start(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Proxy jar not found at " + jar + ": run the build through Maven"
                    + " (it copies the jar in generate-test-resources) or set -D" + JAR_PROPERTY);
        }
        try {
            Path target = Files.createDirectories(Path.of("target"));
            Path dataDir = Files.createTempDirectory(target, "s3proxy-data-");
            int port = freePort();
            String accessKey = "gatefold-" + randomHex(6);
            String secretKey = randomHex(20);
            Path config = dataDir.resolveSibling(dataDir.getFileName() + ".properties");
            writeConfig(config, port, accessKey, secretKey, dataDir);
            Path logFile = target.resolve("s3proxy-" + port + ".log");
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            S3ProxyServer server = new S3ProxyServer(launch(jar, config, logFile), jar, config, endpoint, accessKey, secretKey,
                    dataDir, logFile);
            try {
                server.awaitPort(port);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start S3Proxy", e);
        }
    }

    private static Process launch(Path jar, Path config, Path logFile) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(List.of(java.toString(), "-Xmx512m", "-jar",
                jar.toAbsolutePath().toString(), "--properties", config.toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
    }

    /** Kills the server outright (SIGKILL), as a crash or an out-of-memory killer would; its data stays. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the server again after {@link #kill}, on the same port and with the same buckets and objects. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("S3Proxy is still running");
        }
        try {
            process = launch(jar, config, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start S3Proxy again", e);
        }
        awaitPort(endpoint.getPort());
    }

    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Where the filesystem backend keeps buckets: one folder per bucket, one file per object or part. */
    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return logFile;
    }

    /** Settings for a store on {@code bucket} of this server. */
    public S3Settings settings(String bucket) {
        return new S3Settings(endpoint, "us-east-1", bucket, accessKey, secretKey, true);
    }

    /** Creates the bucket and returns its name. */
    public String createBucket(String name) {
        try (S3Client client = client()) {
            client.createBucket(r -> r.bucket(name));
        }
        return name;
    }

    /** A bucket name no earlier test used. */
    public String createFreshBucket() {
        return createBucket("gatefold-" + randomHex(6));
    }

    /** A plain SDK client signed in to this server, for looking behind a store's back. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(dataDir);
        try {
            Files.deleteIfExists(config);
        } catch (IOException e) {
            // A leftover config file in target/ is harmless.
        }
    }

    private void awaitPort(int port) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + " while starting: "
                        + logTail());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException("S3Proxy did not answer on port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s: " + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    private static void writeConfig(Path config, int port, String accessKey, String secretKey, Path dataDir)
            throws IOException {
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", accessKey);
        properties.setProperty("s3proxy.credential", secretKey);
        properties.setProperty("jclouds.provider", "filesystem-nio2");
        // Browsers upload parts straight to the bucket from the dashboard, as they would to a bucket with CORS rules.
        properties.setProperty("s3proxy.cors-allow-all", "true");
        properties.setProperty("jclouds.filesystem.basedir", dataDir.toAbsolutePath().toString());
        // S3Proxy insists on backend credentials even for the filesystem, which ignores them.
        properties.setProperty("jclouds.identity", "local");
        properties.setProperty("jclouds.credential", "local");
        try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            properties.store(out, "S3Proxy for Gatefold tests");
        }
    }

    private static Path jarPath() {
        String configured = System.getProperty(JAR_PROPERTY);
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of("target", "tools", "s3proxy.jar");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for S3Proxy", e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover folder under target/ is harmless.
        }
    }
}
