package gatefold.server.cli.push;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gatefold push DIR}: sends every file of a folder to a release, resumably. Run the
 * same command again after an interruption and it carries on; run it after a finished push
 * and it only confirms that the store holds the same bytes.
 */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Upload every file in DIR (not its subfolders or hidden files) to a release on your Gatefold store.",
                "Interrupted? Run the same command again: it resumes from what the store already has, using the"
                        + " state it keeps in DIR/" + PushState.FILE_NAME + ". Every file is checked against the"
                        + " SHA-256 the store computes from its copy."})
public final class PushCommand implements Callable<Integer> {

    static final Set<String> KINDS = Set.of("music", "book", "film", "other");
    static final Set<String> PRICINGS = Set.of("fixed", "pwyw", "free");
    static final Set<String> ROLES = Set.of("master", "track", "extra", "cover");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The folder whose files to upload.")
    Path dir;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "Your store, e.g. https://shop.example.com")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:GATEFOLD_TOKEN}",
            description = "Your artist API token. Setting GATEFOLD_TOKEN instead keeps it out of your shell history.")
    String token;

    @Option(names = "--release", paramLabel = "ID", description = "Add the files to this existing release.")
    String releaseId;

    @Option(names = "--new", paramLabel = "TITLE", description = "Create a draft release with this title"
            + " (a rerun in the same folder goes on with the release it created).")
    String newTitle;

    @Option(names = "--kind", paramLabel = "KIND", description = "With --new: music, book, film or other.")
    String kind;

    @Option(names = "--pricing", paramLabel = "PRICING", description = "With --new: fixed, pwyw or free"
            + " (default: fixed when --price is given, else free).")
    String pricing;

    @Option(names = "--price", paramLabel = "AMOUNT", description = "With --new: the price, e.g. 7.00, in your default"
            + " currency (the suggested price with --pricing pwyw).")
    String price;

    @Option(names = "--role", paramLabel = "ROLE", description = "Give every file this role (master, track, extra or"
            + " cover) instead of letting the store choose from its type.")
    String role;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "How many parts to send at once across all files (default: ${DEFAULT-VALUE}).")
    int parallel;

    /** For tests: stop as if cut off once this many parts have been sent; below zero, never. */
    int stopAfterParts = -1;
    /** For tests: the wait before the second attempt at a part; the third waits three times as long. */
    Duration firstRetryPause = Duration.ofSeconds(1);
    /** After a run: how many parts it sent, so a resumed run can be seen to send only what was missing. */
    int partsSent;

    @Override
    public Integer call() {
        URI store = checkArguments();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (store.getScheme().equals("http") && !isLoopback(store)) {
            err.println("gatefold push: warning: " + store + " is plain http, so your token and files travel unencrypted.");
        }
        try {
            List<LocalFile> files = LocalFile.in(dir);
            if (files.isEmpty()) {
                err.println("gatefold push: " + dir + " has no files to upload (hidden files and folders are left out).");
                return 1;
            }
            PushState state = PushState.load(dir);
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            CatalogClient catalog = new CatalogClient(http, store, token);
            CatalogClient.Release release = release(catalog, state, store.toString(), out);
            long total = files.stream().mapToLong(LocalFile::size).sum();
            out.println("Pushing " + files.size() + (files.size() == 1 ? " file" : " files") + " (" + Sizes.of(total)
                    + ") to \"" + release.title() + "\" (" + release.id() + ")");
            out.flush();
            PushRun.Outcome outcome;
            try (Progress progress = progressFor(out, release.title(), total)) {
                outcome = new PushRun(catalog, new PartSender(http, catalog, firstRetryPause), state, progress,
                        new PushRun.Way(parallel, Optional.ofNullable(role), stopAfterParts)).run(release, files);
            }
            partsSent = outcome.partsSent();
            report(outcome, release, out, err);
            return outcome.ok() ? 0 : 1;
        } catch (PushFailure e) {
            err.println("gatefold push: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("gatefold push: cannot read " + dir + " (" + e.getMessage() + ")");
            return 1;
        }
    }

    /** The release named by --release, or the one --new created in an earlier run, or a new one. */
    private CatalogClient.Release release(CatalogClient catalog, PushState state, String storeUrl, PrintWriter out) {
        if (releaseId != null) {
            CatalogClient.Release release = catalog.release(releaseId).orElseThrow(() -> new PushFailure(
                    "there is no release " + releaseId + " among your releases on " + storeUrl + "."));
            state.useRelease(storeUrl, release.id(), false);
            return release;
        }
        Optional<String> earlier = state.createdRelease(storeUrl);
        if (earlier.isPresent()) {
            Optional<CatalogClient.Release> existing = catalog.release(earlier.get());
            if (existing.isPresent()) {
                out.println("Going on with \"" + existing.get().title() + "\" (" + existing.get().id()
                        + "), created by an earlier push of this folder; delete " + state.path()
                        + " to create another release instead.");
                return existing.get();
            }
        }
        String chosenPricing = pricing != null ? pricing : price != null ? "fixed" : "free";
        CatalogClient.Release created = catalog.createRelease(newTitle, kind, chosenPricing, price);
        state.useRelease(storeUrl, created.id(), true);
        out.println("Created the draft release \"" + created.title() + "\" (" + created.id() + ")");
        return created;
    }

    private void report(PushRun.Outcome outcome, CatalogClient.Release release, PrintWriter out, PrintWriter err) {
        outcome.problems().forEach(problem -> err.println("gatefold push: " + problem));
        err.flush();
        StringBuilder summary = new StringBuilder("Sent ").append(outcome.filesSent())
                .append(outcome.filesSent() == 1 ? " file" : " files");
        if (outcome.partsSent() > 0 || outcome.partsAlreadyThere() > 0) {
            summary.append(" (").append(Sizes.of(outcome.bytesSent())).append(" in ").append(outcome.partsSent())
                    .append(outcome.partsSent() == 1 ? " part" : " parts");
            if (outcome.partsAlreadyThere() > 0) {
                summary.append("; ").append(outcome.partsAlreadyThere()).append(" already in the store from an earlier run");
            }
            summary.append(')');
        }
        summary.append(", ").append(outcome.alreadyUploaded()).append(" already uploaded; ")
                .append(outcome.verified()).append(" checked against the store's SHA-256.");
        out.println(summary);
        if (outcome.ok()) {
            out.println("Release: " + release.url() + " (" + release.status() + ")");
        } else {
            out.println(outcome.problems().size() + (outcome.problems().size() == 1 ? " problem" : " problems")
                    + "; run the same command again to retry.");
        }
        out.flush();
    }

    private Progress progressFor(PrintWriter out, String title, long totalBytes) {
        if (!stdoutIsTerminal()) {
            return new LineProgress(out);
        }
        int width = new ConsoleProgressBarConsumer(System.out).getMaxRenderedLength();
        return new TerminalProgress(out, width, TerminalProgress.shortName(title), totalBytes);
    }

    /** Bars need a terminal; in a log or a pipe the plain lines read better. */
    private static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // From Java 22 a console exists even when redirected; it then says whether it is a terminal.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJava) {
            return true;
        }
    }

    private URI checkArguments() {
        if (releaseId != null == (newTitle != null)) {
            throw usage("give --release ID to add files to an existing release, or --new TITLE --kind KIND to create one.");
        }
        if (newTitle != null && (kind == null || !KINDS.contains(kind))) {
            throw usage("--new needs --kind music, book, film or other.");
        }
        if (newTitle != null && newTitle.isBlank()) {
            throw usage("--new needs a title.");
        }
        if (releaseId != null && (kind != null || pricing != null || price != null)) {
            throw usage("--kind, --pricing and --price describe a new release; change an existing one in the dashboard.");
        }
        if (pricing != null && !PRICINGS.contains(pricing)) {
            throw usage("--pricing must be fixed, pwyw or free.");
        }
        if ("free".equals(pricing) && price != null) {
            throw usage("a free release has no --price.");
        }
        if (price != null && !price.matches("\\d{1,12}(\\.\\d{1,4})?")) {
            throw usage("--price must be an amount like 7.00.");
        }
        if (role != null && !ROLES.contains(role)) {
            throw usage("--role must be master, track, extra or cover.");
        }
        if (parallel < 1 || parallel > 32) {
            throw usage("--parallel must be between 1 and 32.");
        }
        if (token == null || token.isBlank()) {
            throw usage("give your artist API token with --token or the GATEFOLD_TOKEN environment variable.");
        }
        if (!Files.isDirectory(dir)) {
            throw usage(dir + " is not a folder.");
        }
        return storeUri();
    }

    private URI storeUri() {
        String trimmed = server.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw usage("--server must be the address of your store, like https://shop.example.com");
        }
        if (uri.getHost() == null || uri.getScheme() == null
                || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
            throw usage("--server must be the address of your store, like https://shop.example.com");
        }
        return uri;
    }

    private static boolean isLoopback(URI uri) {
        try {
            return InetAddress.getByName(uri.getHost()).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
