package gatefold.server.cli;

import gatefold.server.common.ByteSizes;
import gatefold.server.common.Refusal;
import gatefold.server.config.ConfigException;
import gatefold.server.moving.StoreExport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", description = "Write one artist, or the whole store, to one archive that `gatefold import` reads"
        + " on another store (docs/EXPORT.md). Works with the server running or stopped.")
public final class ExportCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "The archive to write (a .tar file).")
    Path out;

    @Option(names = "--artist", description = "The slug of the one artist to export; without it, every artist.")
    String artist;

    @Option(names = "--with-derived", description = "Also carry what was made from the masters (formats, previews,"
            + " stamped-book bases, packaged films) with their rows, so the new store need not make them again.")
    boolean withDerived;

    @Mixin
    SecretOptions secretOptions;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() throws IOException {
        Path partial = out.resolveSibling(out.getFileName() + ".part");
        try (OfflineStore offline = storeOptions.open("export")) {
            Optional<char[]> passphrase = secretOptions.passphrase(true);
            StoreExport export = new StoreExport(offline.database().jdbi(), offline.store(), offline.secrets(),
                    offline.config().publicUrl(offline.config().port()), offline.workDir());
            StoreExport.Options options = new StoreExport.Options(Optional.ofNullable(artist), passphrase, withDerived);
            export.check(options);
            ProgressLine progress = new ProgressLine(System.err, "exported");
            StoreExport.Summary summary;
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                summary = export.write(options, file, progress::advanced);
            }
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.printf("Exported %d artist(s), %d rows and %d files (%s) to %s (%s).%n", summary.artists(), summary.rows(),
                    summary.files(), ByteSizes.readable(summary.fileBytes()), out, ByteSizes.readable(summary.archiveBytes()));
            if (summary.secretsLeftOut() > 0) {
                System.out.println(summary.secretsLeftOut() + " secret(s) could not be opened with this store's key and were left out.");
            }
            return 0;
        } catch (ConfigException | Refusal | IllegalArgumentException e) {
            Files.deleteIfExists(partial);
            return StoreOptions.refused(e, 2);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
    }
}
