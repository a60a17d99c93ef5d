package gatefold.server.config;

import gatefold.server.http.TrustedProxies;
import gatefold.storage.S3Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything the server is configured with, parsed and checked once at start. Names
 * follow the environment variables in the README.
 */
public record Config(
        String host,
        int port,
        Optional<URI> baseUrl,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        StoreKind store,
        S3Settings s3,
        boolean s3CreateBucket,
        DeliveryMode delivery,
        Optional<String> adminToken,
        Optional<String> secretKey,
        boolean openSignup,
        Duration shutdownGrace,
        long maxFileBytes,
        Duration uploadExpiry,
        Duration linkLifetime,
        Duration resumeWindow,
        Duration logRetention,
        boolean testPayments,
        TrustedProxies trustedProxies,
        Optional<Long> signupQuotaBytes,
        Role role,
        LogFormat logFormat,
        boolean accessLog,
        OptionalInt metricsPort,
        Settings settings) {

    /** What GATEFOLD_DEFAULT_QUOTA_GB gives an artist who signs up on their own, unless set. */
    public static final long DEFAULT_SIGNUP_QUOTA_GB = 10;
    private static final long GB = 1_000_000_000L;

    public static Config from(Settings s) {
        String host = s.get("GATEFOLD_HOST", "0.0.0.0");
        int port = s.integer("GATEFOLD_PORT", 7070, 0, 65535);
        Optional<URI> baseUrl = s.get("GATEFOLD_BASE_URL").map(Config::parseBaseUrl);
        Path dataDir = Path.of(s.get("GATEFOLD_DATA_DIR", "./gatefold-data")).toAbsolutePath().normalize();
        String dbUrl = s.get("GATEFOLD_DB_URL", "jdbc:h2:file:" + dataDir.resolve("db").resolve("gatefold")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        if (!dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("GATEFOLD_DB_URL must be a jdbc:h2: or jdbc:postgresql: URL; leave it unset for the embedded database");
        }
        StoreKind store = StoreKind.parse(s.get("GATEFOLD_STORE", "file"));
        S3Settings s3 = store == StoreKind.S3 ? s3Settings(s) : null;
        DeliveryMode delivery = DeliveryMode.parse(s.get("GATEFOLD_DELIVERY", store == StoreKind.S3 ? "redirect" : "stream"));
        if (store == StoreKind.FILE && delivery == DeliveryMode.REDIRECT) {
            // The local store's presigned URLs point back at this server, so redirecting only adds a hop.
            delivery = DeliveryMode.STREAM;
        }
        return new Config(host, port, baseUrl, dataDir,
                dbUrl, s.get("GATEFOLD_DB_USER", dbUrl.startsWith("jdbc:h2:") ? "sa" : ""),
                s.get("GATEFOLD_DB_PASSWORD", ""),
                store, s3, s.flag("GATEFOLD_S3_CREATE_BUCKET", false), delivery,
                s.get("GATEFOLD_ADMIN_TOKEN"), s.get("GATEFOLD_SECRET_KEY"),
                s.flag("GATEFOLD_OPEN_SIGNUP", false),
                Duration.ofSeconds(s.integer("GATEFOLD_SHUTDOWN_GRACE_SECONDS", 20, 0, 3600)),
                s.longValue("GATEFOLD_MAX_FILE_BYTES", 64L << 30, 1, 5L << 40),
                Duration.ofMinutes(s.longValue("GATEFOLD_UPLOAD_EXPIRY_MINUTES", 24 * 60, 1, 365L * 24 * 60)),
                Duration.ofHours(s.longValue("GATEFOLD_LINK_HOURS", 7 * 24, 1, 365L * 24)),
                Duration.ofHours(s.longValue("GATEFOLD_RESUME_HOURS", 24, 1, 365L * 24)),
                Duration.ofDays(s.longValue("GATEFOLD_LOG_DAYS", 90, 1, 100L * 365)),
                s.flag("GATEFOLD_PAYMENTS_TEST", false),
                trustedProxies(s),
                signupQuota(s),
                Role.parse(s.get("GATEFOLD_ROLE", "all")),
                LogFormat.parse(s.get("GATEFOLD_LOG_FORMAT", "text")),
                s.flag("GATEFOLD_ACCESS_LOG", false),
                s.get("GATEFOLD_METRICS_PORT").isPresent() ? OptionalInt.of(s.integer("GATEFOLD_METRICS_PORT", 0, 0, 65535))
                        : OptionalInt.empty(),
                s);
    }

    private static S3Settings s3Settings(Settings s) {
        Optional<URI> endpoint = s.get("GATEFOLD_S3_ENDPOINT").map(raw -> {
            try {
                URI uri = new URI(raw);
                if (uri.getScheme() == null || uri.getHost() == null
                        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                    throw new URISyntaxException(raw, "not an http(s) URL");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new ConfigException("GATEFOLD_S3_ENDPOINT=" + raw + " is not a URL; use e.g. http://127.0.0.1:9000");
            }
        });
        String bucket = s.get("GATEFOLD_S3_BUCKET").orElseThrow(() ->
                new ConfigException("GATEFOLD_S3_BUCKET is not set; name the bucket that holds Gatefold's files"));
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new ConfigException("GATEFOLD_S3_BUCKET=" + bucket + " is not a valid bucket name; use 3 to 63 lowercase"
                    + " letters, digits, dots or dashes");
        }
        return new S3Settings(endpoint.orElse(null),
                s.get("GATEFOLD_S3_REGION", "us-east-1"),
                bucket,
                s.get("GATEFOLD_S3_ACCESS_KEY").orElse(null),
                s.get("GATEFOLD_S3_SECRET_KEY").orElse(null),
                s.flag("GATEFOLD_S3_PATH_STYLE", endpoint.isPresent()));
    }

    private static TrustedProxies trustedProxies(Settings s) {
        String raw = s.get("GATEFOLD_TRUSTED_PROXIES", "");
        try {
            return TrustedProxies.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("GATEFOLD_TRUSTED_PROXIES: " + e.getMessage()
                    + "; list your reverse proxies' addresses or blocks, comma-separated, e.g. 127.0.0.1/32,10.0.0.0/8,fd00::/8");
        }
    }

    /** Whole gigabytes (10^9 bytes), or "unlimited". */
    private static Optional<Long> signupQuota(Settings s) {
        if (s.get("GATEFOLD_DEFAULT_QUOTA_GB").filter(v -> v.equalsIgnoreCase("unlimited")).isPresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of(s.longValue("GATEFOLD_DEFAULT_QUOTA_GB", DEFAULT_SIGNUP_QUOTA_GB, 0, 1_000_000) * GB);
        } catch (ConfigException e) {
            throw new ConfigException(e.getMessage() + ", or unlimited");
        }
    }

    private static URI parseBaseUrl(String raw) {
        try {
            URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new URISyntaxException(raw, "not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("GATEFOLD_BASE_URL=" + raw + " is not a URL; use the public address, e.g. https://shop.example.com");
        }
    }

    /**
     * Whether calls made for artists (their BTCPay Server, their webhooks) may reach loopback,
     * private and other local addresses. GATEFOLD_OUTBOUND_ALLOW_PRIVATE decides when set; the
     * older GATEFOLD_WEBHOOKS_ALLOW_PRIVATE is read only when it is not.
     */
    public boolean outboundAllowPrivate() {
        return settings.get("GATEFOLD_OUTBOUND_ALLOW_PRIVATE").isPresent()
                ? settings.flag("GATEFOLD_OUTBOUND_ALLOW_PRIVATE", false)
                : settings.flag("GATEFOLD_WEBHOOKS_ALLOW_PRIVATE", false);
    }

    /**
     * Where the metrics port listens: GATEFOLD_HOST when it is set, else loopback only, since
     * that port asks for no token.
     */
    public String metricsHost() {
        return settings.get("GATEFOLD_HOST").orElse("127.0.0.1");
    }

    public boolean isEmbeddedDatabase() {
        return dbUrl.startsWith("jdbc:h2:");
    }

    /** The public URL once the port is known. */
    public URI publicUrl(int boundPort) {
        return baseUrl.orElseGet(() -> URI.create("http://localhost:" + boundPort));
    }
}
