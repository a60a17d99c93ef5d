package gatefold.server.cli;

import gatefold.server.common.Refusal;
import gatefold.server.config.ConfigException;
import gatefold.server.jobs.JobSettings;
import gatefold.server.jobs.Jobs;
import gatefold.server.mail.Mailer;
import gatefold.server.mail.Outbox;
import gatefold.server.moving.BuyerImport;
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
        + " --skip-bad-rows; running it twice imports nothing new.")
public final class ImportBuyersCommand implements Callable<Integer> {

    @Option(names = "--release", required = true, description = "The release's id (rel_...).")
    String release;

    @Parameters(index = "0", description = "The CSV file.")
    Path file;

    @Option(names = "--preset", description = "The shop the CSV comes from: bandcamp or gumroad.")
    String preset;

    @Option(names = "--column", description = "Which column holds a field, e.g. --column email=\"Buyer Email\"; repeatable.")
    Map<String, String> columns = new LinkedHashMap<>();

    @Option(names = "--dry-run", description = "Show the columns and the bad rows; change nothing.")
    boolean dryRun;

    @Option(names = "--skip-bad-rows", description = "Import the good rows even when some are bad.")
    boolean skipBad;

    @Option(names = "--mail", description = "Mail each new buyer where their music lives now.")
    boolean mail;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() throws IOException {
        try (OfflineStore offline = storeOptions.open();
             // Mail by SMTP is queued here and sent by the store's workers once it runs (this command starts none).
             Mailer mailer = Mailer.from(offline.config().settings(), new Outbox(offline.database().jdbi()), offline.database().jdbi(),
                     new Jobs(offline.database().jdbi(), Clock.systemUTC(), JobSettings.from(offline.config().settings())));
             Reader csv = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            BuyerImport buyers = new BuyerImport(offline.database().jdbi(), mailer, offline.config().publicUrl(offline.config().port()));
            BuyerImport.Result result = buyers.run(release, csv, new BuyerImport.Options(Optional.ofNullable(preset), columns,
                    skipBad, dryRun, mail));
            System.out.println("Columns: " + result.columns());
            for (BuyerImport.Problem problem : result.problems()) {
                System.out.println("line " + problem.line() + ": " + problem.reason());
            }
            System.out.printf("%d imported, %d had it already, %d duplicate row(s), %d bad row(s)%s.%n", result.imported(),
                    result.alreadyHad(), result.duplicates(), result.problems().size(),
                    dryRun ? " (dry run: nothing changed)" : !result.problems().isEmpty() && !skipBad
                            ? "; nothing changed: fix them or use --skip-bad-rows" : "");
            return !result.problems().isEmpty() && !skipBad && !dryRun ? 1 : 0;
        } catch (ConfigException | Refusal e) {
            return StoreOptions.refused(e, 2);
        }
    }
}
