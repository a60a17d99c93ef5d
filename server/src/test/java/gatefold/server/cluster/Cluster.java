package gatefold.server.cluster;

import gatefold.server.ApiClient;
import gatefold.server.db.Database;
import gatefold.server.db.DatabaseAddress;
import gatefold.server.db.TestDatabases;
import gatefold.server.deploy.ShippedNginx;
import gatefold.server.faults.ChildGatefold;
import gatefold.server.observe.PrometheusText;
import gatefold.server.sales.stripe.FakeStripe;
import gatefold.storage.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * Two Gatefold processes on one PostgreSQL database and one S3 bucket (S3Proxy), behind
 * deploy/nginx.conf as shipped (round robin), with the settings an operator gives a cluster:
 * one master key, one admin token, nginx as the trusted proxy, and the proxy's address as the
 * public one. Downloads stream through the instances, so killing one cuts a download.
 */
final class Cluster implements AutoCloseable {

    final Database database;
    /** The shared database, read from the side as the instances' own code reads it. */
    final Jdbi db;
    final ChildGatefold one;
    final ChildGatefold two;
    final ShippedNginx nginx;
    /** The public address: nginx. */
    final String base;
    /** The settings both instances run with. */
    final Map<String, String> settings;
    /** Stripe's API, faked, that both instances call. */
    final FakeStripe stripe;
    private static Cluster shared;

    private Cluster(DatabaseAddress address, Map<String, String> settings, FakeStripe stripe, ChildGatefold one,
            ChildGatefold two, ShippedNginx nginx) {
        this.settings = Map.copyOf(settings);
        this.stripe = stripe;
        this.database = address.open();
        this.db = database.jdbi();
        this.one = one;
        this.two = two;
        this.nginx = nginx;
        this.base = "http://127.0.0.1:" + nginx.port();
    }

    /**
     * The cluster the cluster test classes share: started once per test JVM (two instances
     * start in about 20 s on two busy cores) and stopped when it exits.
     */
    static synchronized Cluster shared() throws Exception {
        if (shared == null) {
            FakeStripe stripe = FakeStripe.start();
            shared = start(Map.of("GATEFOLD_WEBHOOKS_ALLOW_PRIVATE", "true", "GATEFOLD_STRIPE_API_BASE", stripe.apiBase()), stripe);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::closeQuietly, "gatefold-cluster-stop"));
        }
        return shared;
    }

    /** Starts both instances at once on a fresh database, so they also race to migrate it. */
    static Cluster start(Map<String, String> extra, FakeStripe stripe) throws Exception {
        DatabaseAddress database = TestDatabases.postgresUrl();
        S3ProxyServer s3 = S3ProxyServer.shared();
        int portOne = ChildGatefold.freePort();
        int portTwo = ChildGatefold.freePort();
        ShippedNginx nginx = ShippedNginx.start(portOne, portTwo);
        Map<String, String> env = new HashMap<>(database.settings());
        env.putAll(Map.of("GATEFOLD_STORE", "s3", "GATEFOLD_S3_ENDPOINT", s3.endpoint().toString(),
                "GATEFOLD_S3_BUCKET", s3.createFreshBucket(), "GATEFOLD_S3_ACCESS_KEY", s3.accessKey(),
                "GATEFOLD_S3_SECRET_KEY", s3.secretKey(), "GATEFOLD_DELIVERY", "stream",
                "GATEFOLD_SECRET_KEY", masterKey(), "GATEFOLD_TRUSTED_PROXIES", "127.0.0.1/32",
                "GATEFOLD_BASE_URL", "http://127.0.0.1:" + nginx.port()));
        env.putAll(extra);
        CompletableFuture<ChildGatefold> first = CompletableFuture.supplyAsync(() -> ChildGatefold.start(env, portOne));
        CompletableFuture<ChildGatefold> second = CompletableFuture.supplyAsync(() -> ChildGatefold.start(env, portTwo));
        try {
            return new Cluster(database, env, stripe, first.join(), second.join(), nginx);
        } catch (RuntimeException e) {
            first.thenAccept(ChildGatefold::close);
            second.thenAccept(ChildGatefold::close);
            nginx.close();
            stripe.close();
            throw e;
        }
    }

    private static String masterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** The API as fans and artists reach it: through nginx. */
    ApiClient proxy() {
        return new ApiClient(base, ChildGatefold.ADMIN_TOKEN);
    }

    List<ChildGatefold> instances() {
        return List.of(one, two);
    }

    /** One instance's own figures, read from its /metrics. */
    static PrometheusText metrics(ChildGatefold instance) {
        ApiClient.Reply reply = instance.api().get("/metrics", ChildGatefold.ADMIN_TOKEN);
        if (reply.status() != 200) {
            throw new AssertionError("/metrics answered " + reply);
        }
        return PrometheusText.parse(reply.body());
    }

    /** The sum of every sample of this name, whatever its labels. */
    static double total(PrometheusText metrics, String name) {
        return metrics.named(name).stream().mapToDouble(PrometheusText.Sample::value).sum();
    }

    /** Runs a {@code gatefold} command (such as {@code keys rotate}) with the cluster's settings, as an operator would. */
    String command(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "gatefold.server.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("GATEFOLD_"));
        builder.environment().putAll(settings);
        builder.environment().put("GATEFOLD_DATA_DIR", Files.createTempDirectory("gatefold-command").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("gatefold " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    long count(String sql, Object... args) {
        return db.withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }

    @Override
    public void close() throws Exception {
        try {
            one.close();
            two.close();
            database.close();
        } finally {
            nginx.close();
            stripe.close();
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception e) {
            // The JVM is exiting; what is left is killed with it.
        }
    }
}
