package gatefold.server.jobs;

import gatefold.server.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * A queue instance in its own JVM, so a test can kill it with SIGKILL mid-job. Its
 * handlers leave traces in the test tables and then hang, as a process does that is
 * killed at that moment.
 */
final class WorkerProcess implements AutoCloseable {

    /** Runs once, records the run, then hangs. */
    static final JobKind CRASHING = JobKind.of("test.crash", Lane.MEDIA).withRetries(Duration.ofMillis(10), Duration.ofMillis(10));
    /** Mails each recipient of the payload {@code ["a","b"]} once. */
    static final JobKind MAIL = JobKind.of("test.mail", Lane.MAIL).withRetries(Duration.ofMillis(10), Duration.ofMillis(10));

    private final Process process;
    private final Path log;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a child instance named {@code instance} on the database; its mail handler hangs after {@code mailsBeforeHang}. */
    static WorkerProcess start(List<String> database, String instance, int mailsBeforeHang) {
        return start(database, List.of(instance, Integer.toString(mailsBeforeHang)));
    }

    /**
     * Starts a child instance that runs Gatefold's own background kinds ({@link BackgroundKinds}):
     * each records its run (by kind) and hangs; it keeps the recurring ones scheduled hourly.
     */
    static WorkerProcess startBackground(List<String> database, String instance) {
        return start(database, List.of(instance, "0", "background"));
    }

    private static WorkerProcess start(List<String> database, List<String> args) {
        try {
            Path log = Files.createTempFile("gatefold-worker", ".log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-cp", System.getProperty("java.class.path"), WorkerProcess.class.getName()));
            command.addAll(database);
            command.addAll(args);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new WorkerProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no lease given back. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Kills the child and deletes its log (a test that needs the output reads it before). */
    @Override
    public void close() throws InterruptedException {
        kill();
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a leftover log in the temporary folder is harmless
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Database db = Database.open(args[0], args[1], args[2], null);
        String instance = args[3];
        int mailsBeforeHang = Integer.parseInt(args[4]);
        boolean background = args.length > 5 && args[5].equals("background");
        JobSettings settings = JobSettings.defaults().withInstance(instance).withPoll(Duration.ofMillis(50))
                .withLease(Duration.ofSeconds(2), Duration.ofMillis(300));
        if (background) {
            // Enough workers that every background kind can hang at once.
            settings = settings.withWorkers(Lane.UPKEEP, 8).withWorkers(Lane.MAIL, 8);
        }
        Jobs jobs = new Jobs(db.jdbi(), Clock.systemUTC(), settings);
        jobs.register(CRASHING, ctx -> {
            recordRun(db.jdbi(), ctx.key(), instance);
            return hang();
        });
        jobs.register(MAIL, mailer(db.jdbi(), instance, mailsBeforeHang));
        if (background) {
            for (JobKind kind : BackgroundKinds.ALL) {
                jobs.register(kind, ctx -> {
                    recordRun(db.jdbi(), kind.name(), instance);
                    return hang();
                });
            }
            BackgroundKinds.RECURRING.forEach(kind -> jobs.every(kind, Duration.ofHours(1)));
            jobs.start(Set.of(Lane.values()));
        } else {
            jobs.start(Set.of(Lane.MEDIA, Lane.MAIL));
        }
        System.out.println("worker " + instance + " started");
        Thread.sleep(Long.MAX_VALUE); // the workers are daemon threads: keep the process until it is killed
    }

    private static JobResult hang() throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
        return JobResult.done();
    }

    static void recordRun(Jdbi jdbi, String key, String instance) {
        jdbi.useHandle(h -> h.execute("INSERT INTO test_runs (job_key, instance) VALUES (?, ?)", key, instance));
    }

    /** Sends to each recipient through {@code once}; hangs instead of sending the one after {@code before}. */
    static JobHandler mailer(Jdbi jdbi, String instance, int before) {
        return ctx -> {
            List<String> recipients = new ArrayList<>();
            Matcher m = Pattern.compile("\"([^\"]+)\"").matcher(ctx.payload());
            while (m.find()) {
                recipients.add(m.group(1));
            }
            for (int i = 0; i < recipients.size(); i++) {
                if (i == before) {
                    return hang();
                }
                String to = recipients.get(i);
                ctx.once("to:" + to, () -> jdbi.useHandle(h -> h.execute(
                        "INSERT INTO test_sent (recipient, instance) VALUES (?, ?)", to, instance)));
            }
            return JobResult.done();
        };
    }
}
