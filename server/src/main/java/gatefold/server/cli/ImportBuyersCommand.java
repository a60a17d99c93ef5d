package gatefold.server.cli;

import gatefold.server.common.Refusal;
import gatefold.server.config.ConfigException;
import gatefold.server.jobs.JobSettings;
import gatefold.server.jobs.Jobs;
import gatefold.server.mail.Mailer;
import gatefold.server.mail.Outbox;
import gatefold.server.moving.BuyerImport;
import java.io.Console;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import-buyers", description = "Give the buyers in another shop's CSV (email, date, amount, currency, name)"
        + " this release in their library; see docs/BUYERS-CSV.md. A file with bad rows changes nothing unless"
        + " --skip-bad-rows; running it twice imports nothing new. Works with the server running or stopped.")
public final class ImportBuyersCommand implements Callable<Integer> {

    @Option(names = "--release", required = true, description = "The release's id (rel_...).")
    String release;

    @Parameters(index = "0", description = "The CSV file.")
    Path file;

    @Option(names = "--preset", description = "The shop the CSV comes from: bandcamp, shopify or gumroad"
            + " (their sales exports' columns; rows that are not sales, such as payouts and refunds, are skipped).")
    String preset;

    @Option(names = "--column", description = "Which column holds a field, e.g. --column email=\"Buyer Email\"; repeatable.")
    Map<String, String> columns = new LinkedHashMap<>();

    @Option(names = "--dry-run", description = "Show the columns and the bad rows; change nothing.")
    boolean dryRun;

    @Option(names = "--skip-bad-rows", description = "Import the good rows even when some are bad.")
    boolean skipBad;

    @Option(names = "--mail", description = "Mail each new buyer where their music lives now.")
    boolean mail;

    @Option(names = "--yes", description = "Import without asking to confirm the columns (scripts; without a terminal"
            + " nobody is asked anyway).")
    boolean yes;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() throws IOException {
        try (OfflineStore offline = storeOptions.open("import-buyers");
             // Mail by SMTP is queued here and sent by the store's workers once it runs (this command starts none).
             Mailer mailer = Mailer.from(offline.config().settings(), new Outbox(offline.database().jdbi()), offline.database().jdbi(),
                     new Jobs(offline.database().jdbi(), Clock.systemUTC(), JobSettings.from(offline.config().settings())));
             Reader csv = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            BuyerImport buyers = new BuyerImport(offline.database().jdbi(), mailer, offline.config().publicUrl(offline.config().port()));
            Console console = System.console();
            if (!dryRun && !yes && console != null) {
                // The columns are a guess: show it, and the bad rows, before anything changes.
                try (Reader again = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    print(buyers.run(release, again, options(true)), true);
                }
                String answer = console.readLine("Import with these columns? [y/N] ");
                if (answer == null || !answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
                    System.out.println("Nothing imported.");
                    return 1;
                }
            }
            BuyerImport.Result result = buyers.run(release, csv, options(dryRun));
            print(result, dryRun);
            return !result.problems().isEmpty() && !skipBad && !dryRun ? 1 : 0;
        } catch (ConfigException | Refusal e) {
            return StoreOptions.refused(e, 2);
        }
    }

    private BuyerImport.Options options(boolean dry) {
        return new BuyerImport.Options(Optional.ofNullable(preset), columns, skipBad, dry, mail);
    }

    private void print(BuyerImport.Result result, boolean dry) {
        System.out.println("Columns: " + result.columns());
        for (BuyerImport.Problem problem : result.problems()) {
            System.out.println("line " + problem.line() + ": " + problem.reason());
        }
        System.out.printf("%d imported, %d had it already, %d duplicate row(s), %d bad row(s), %d row(s) not sales%s.%n",
                result.imported(), result.alreadyHad(), result.duplicates(), result.problems().size(), result.notSales(),
                dry ? " (dry run: nothing changed)" : !result.problems().isEmpty() && !skipBad
                        ? "; nothing changed: fix them or use --skip-bad-rows" : "");
    }
}
