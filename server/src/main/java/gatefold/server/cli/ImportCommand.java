package gatefold.server.cli;

import gatefold.server.common.ByteSizes;
import gatefold.server.common.Refusal;
import gatefold.server.config.ConfigException;
import gatefold.server.moving.StoreImport;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = "Bring an archive from `gatefold export` into this store: all of it, or nothing"
        + " when anything is wrong. On the embedded database it is refused while the server runs: stop the server"
        + " first (or send the archive to POST /api/admin/import while it runs).")
public final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "The archive (.tar).")
    Path file;

    @Option(names = "--rename", description = "An artist whose slug is taken here gets the first free slug-N instead of"
            + " stopping the import (a taken email still stops it: an email signs in one artist).")
    boolean rename;

    @Mixin
    SecretOptions secretOptions;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() throws IOException {
        try (OfflineStore offline = storeOptions.openAlone("import");
             // FileInputStream, not Files.newInputStream: the latter's available() seeks, which fails on a pipe
             // (an archive streamed in through a FIFO or /dev/stdin) with "Illegal seek".
             InputStream in = new BufferedInputStream(new FileInputStream(file.toFile()), 1 << 16)) {
            StoreImport imports = new StoreImport(offline.database().jdbi(), offline.store(), offline.secrets(), offline.workDir(),
                    offline.config().linkLifetime());
            ProgressLine progress = new ProgressLine(System.err, "imported");
            StoreImport.Summary summary = imports.read(in, new StoreImport.Options(secretOptions.passphrase(false), rename),
                    progress::advanced);
            summary.renamed().forEach((now, was) -> System.out.printf("Renamed %s to %s: its slug is taken here.%n", was, now));
            System.out.printf("Imported %s: %d rows and %d files (%s).%n", String.join(", ", summary.artists()), summary.rows(),
                    summary.files(), ByteSizes.readable(summary.fileBytes()));
            return 0;
        } catch (ConfigException | Refusal | IllegalArgumentException e) {
            return StoreOptions.refused(e, e instanceof Refusal r && r.kind() == Refusal.Kind.CONFLICT ? 3 : 2);
        }
    }
}
