package gatefold.server.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server on 127.0.0.1 and a free port, with its data in a throwaway
 * directory, tuned for tests (no fsync). Trust authentication: any password is accepted.
 * Most tests share one through {@link TestDatabases}; a test that stops PostgreSQL starts its own.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "gatefold";
    public static final String PASSWORD = "gatefold";

    private static final List<String> SETTINGS = List.of(
            "listen_addresses=127.0.0.1", "unix_socket_directories=", "fsync=off", "synchronous_commit=off",
            "full_page_writes=off", "wal_level=minimal", "max_wal_senders=0", "autovacuum=off", "jit=off",
            "shared_buffers=32MB", "max_connections=500", "log_checkpoints=off");

    private final Path home;
    private final RunAs runAs;
    private final int port;
    private volatile Process process;
    private Connection admin;
    private String migratedTemplate;

    private PostgresServer(Path home, RunAs runAs, int port, Process process) {
        this.home = home;
        this.runAs = runAs;
        this.port = port;
        this.process = process;
    }

    /** Unpacks the binaries if needed, creates a cluster and starts it; fails with PostgreSQL's own words. */
    public static PostgresServer start() {
        Path bin = PostgresBinaries.directory().resolve("bin");
        RunAs runAs = RunAs.forThisProcess();
        sweepLeftovers(bin, runAs);
        try {
            Path home = Files.createTempDirectory("gatefold-postgres-data-");
            runAs.handOver(home);
            run(runAs, home.resolve("initdb.log"), bin.resolve("initdb").toString(), "-D", home.resolve("data").toString(),
                    "-U", USER, "--auth=trust", "--no-locale", "-E", "UTF8", "--no-sync", "--no-instructions");
            IllegalStateException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                PostgresServer server = launch(bin, home, runAs, freePort());
                try {
                    server.awaitReady();
                    return server;
                } catch (IllegalStateException e) {
                    // Most likely another process took the free port between our check and the bind.
                    server.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    last = e;
                }
            }
            throw last;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL for tests could not be set up", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What test JVMs killed outright (kill -9 skips the shutdown hook) left behind: a server whose
     * JVM is gone (adopted by init) is stopped, and a data directory no server runs is deleted.
     */
    private static void sweepLeftovers(Path bin, RunAs runAs) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> homes = Files.newDirectoryStream(tmp, "gatefold-postgres-data-*")) {
            for (Path home : homes) {
                Path data = home.resolve("data");
                Optional<ProcessHandle> server = Files.isReadable(data.resolve("postmaster.pid"))
                        ? ProcessHandle.of(Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip()))
                        : Optional.empty();
                boolean ours = server.filter(ProcessHandle::isAlive)
                        .flatMap(p -> p.info().command()).filter(c -> c.endsWith("/bin/postgres")).isPresent();
                if (ours && server.get().parent().map(p -> p.pid() != 1).orElse(false)) {
                    continue; // Its JVM is alive.
                }
                if (ours) {
                    run(runAs, home.resolve("pg_ctl.log"), bin.resolve("pg_ctl").toString(),
                            "stop", "-D", data.toString(), "-m", "immediate", "-w", "-t", "10");
                } else if (Files.getLastModifiedTime(home).toInstant().isAfter(Instant.now().minus(Duration.ofMinutes(10)))) {
                    continue; // Another JVM may be setting it up right now.
                }
                PostgresBinaries.delete(home);
            }
        } catch (IOException | RuntimeException e) {
            // Leftovers cost disk space, not correctness.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static PostgresServer launch(Path bin, Path home, RunAs runAs, int port) throws IOException {
        List<String> command = new ArrayList<>(runAs.prefix());
        command.addAll(List.of(bin.resolve("postgres").toString(), "-D", home.resolve("data").toString(), "-p", Integer.toString(port)));
        for (String setting : SETTINGS) {
            command.add("-c");
            command.add(setting);
        }
        Path log = home.resolve("postgres.log");
        Process process = builder(command).redirectOutput(log.toFile()).redirectErrorStream(true).start();
        return new PostgresServer(home, runAs, port, process);
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException lastFailure = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited with " + process.exitValue() + " at start: " + log());
            }
            try {
                admin = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
                return;
            } catch (SQLException e) {
                lastFailure = e;
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("PostgreSQL did not answer within 60 s (" + lastFailure + "): " + log());
    }

    public int port() {
        return port;
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A new, empty database (no tables, not migrated) on this server. */
    public synchronized DatabaseAddress newDatabase() {
        return copyOf("template1");
    }

    /**
     * A new database with every migration applied: a copy of one migrated once per server,
     * which takes about half the time of migrating each new database.
     */
    public synchronized DatabaseAddress newMigratedDatabase() {
        if (migratedTemplate == null) {
            DatabaseAddress template = copyOf("template1");
            template.open().close(); // Closed: PostgreSQL copies only a database nobody is connected to.
            migratedTemplate = template.url().substring(template.url().lastIndexOf('/') + 1);
        }
        return copyOf(migratedTemplate);
    }

    private DatabaseAddress copyOf(String template) {
        String name = "gatefold_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Statement statement = admin.createStatement()) {
            // FILE_COPY: with fsync off it is several times faster than the default WAL_LOG for small databases.
            statement.execute("CREATE DATABASE " + name + " TEMPLATE " + template + " STRATEGY FILE_COPY");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL could not create a database: " + e.getMessage(), e);
        }
        return new DatabaseAddress(url(name), USER, PASSWORD);
    }

    /** A fast shutdown, as an operator's {@code pg_ctl stop} or a service manager does it: clients are cut off. */
    public void stop() {
        stop("fast");
    }

    private void stop(String mode) {
        if (!process.isAlive()) {
            return;
        }
        try {
            run(runAs, home.resolve("pg_ctl.log"), PostgresBinaries.directory().resolve("bin/pg_ctl").toString(),
                    "stop", "-D", home.resolve("data").toString(), "-m", mode, "-w", "-t", "20");
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Starts the server again after {@link #stop}, on the same port with the same data, as an operator would. */
    public synchronized void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("PostgreSQL is still running");
        }
        try {
            if (admin != null) {
                admin.close(); // Cut off by the stop.
            }
        } catch (SQLException ignored) {
            // Already gone.
        }
        try {
            process = launch(PostgresBinaries.directory().resolve("bin"), home, runAs, port).process;
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL could not start again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * At the test JVM's exit: the same stop, and the data (hundreds of test databases, tens of
     * thousands of files) is deleted by a detached {@code rm}, so the JVM is not held past
     * Surefire's 30 s exit limit on a busy disk.
     */
    public void closeAtExit() {
        stop("immediate");
        try {
            new ProcessBuilder("rm", "-rf", home.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException noRm) {
            PostgresBinaries.delete(home);
        }
    }

    @Override
    public void close() {
        try {
            if (admin != null) {
                admin.close();
            }
        } catch (SQLException ignored) {
            // The server may already be gone.
        }
        stop("immediate"); // The data is thrown away, so no shutdown checkpoint.
        PostgresBinaries.delete(home);
    }

    private String log() {
        try {
            String text = Files.readString(home.resolve("postgres.log"), StandardCharsets.UTF_8);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("LC_"));
        builder.environment().put("LC_ALL", "C");
        return builder;
    }

    /** Runs a PostgreSQL tool to its end; a failure carries the tool's output. */
    private static void run(RunAs runAs, Path log, String... tool) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(runAs.prefix());
        command.addAll(List.of(tool));
        Process p = builder(command).redirectOutput(log.toFile()).redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(Path.of(tool[0]).getFileName() + " did not finish in 120 s: " + Files.readString(log));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(Path.of(tool[0]).getFileName() + " failed (exit " + p.exitValue() + "): "
                    + Files.readString(log));
        }
    }
}
