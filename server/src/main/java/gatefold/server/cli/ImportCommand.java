package gatefold.server.cli;

import gatefold.server.common.ByteSizes;
import gatefold.server.common.Refusal;
import gatefold.server.config.ConfigException;
import gatefold.server.moving.StoreImport;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = "Bring an archive from `gatefold export` into this store: all of it, or nothing"
        + " when anything is wrong. Stop the server first when it runs on the embedded database, or use"
        + " POST /api/admin/import while it runs.")
public final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "The archive (.tar).")
    Path file;

    @Option(names = "--rename", description = "Not yet: an artist whose slug or email is taken stops the import.")
    boolean rename;

    @Option(names = "--with-secrets", description = "The archive carries secrets: ask for their passphrase.")
    boolean withSecrets;

    @Option(names = "--passphrase-file", description = "Read the passphrase from this file instead of the terminal.")
    Path passphraseFile;

    @Option(names = "--config", description = "A properties file with GATEFOLD_* keys; the environment overrides it.")
    Path configFile;

    @Override
    public Integer call() throws IOException {
        if (rename) {
            System.err.println("gatefold: --rename is not supported yet; change the slug on the old store and export again");
            return 2;
        }
        try (OfflineStore offline = OfflineStore.open(configFile);
             InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            StoreImport imports = new StoreImport(offline.database().jdbi(), offline.store(), offline.secrets(), offline.workDir(),
                    offline.config().linkLifetime());
            ProgressLine progress = new ProgressLine(System.err, "imported");
            StoreImport.Summary summary = imports.read(in, new StoreImport.Options(
                    OfflineStore.passphraseIf(withSecrets, passphraseFile, false)), progress::advanced);
            System.out.printf("Imported %s: %d rows and %d files (%s).%n", String.join(", ", summary.artists()), summary.rows(),
                    summary.files(), ByteSizes.readable(summary.fileBytes()));
            return 0;
        } catch (ConfigException | Refusal | IllegalArgumentException e) {
            System.err.println("gatefold: " + e.getMessage());
            return e instanceof Refusal r && r.kind() == Refusal.Kind.CONFLICT ? 3 : 2;
        }
    }
}
