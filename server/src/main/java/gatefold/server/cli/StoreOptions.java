package gatefold.server.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The option every command on a store's data takes (export, import, import-buyers), shared as
 * a picocli mixin so the commands say it the same way: which configuration names the store.
 */
final class StoreOptions {

    @Option(names = "--config", description = "A properties file with GATEFOLD_* keys; the environment overrides it.")
    Path configFile;

    /** The store, for a command that works beside a running server too. */
    OfflineStore open(String command) {
        return OfflineStore.open(configFile, command, StoreDatabase.Beside.JOIN);
    }

    /** The store, for a command that must have it alone: refused with one line while a server runs on the embedded database. */
    OfflineStore openAlone(String command) {
        return OfflineStore.open(configFile, command, StoreDatabase.Beside.REFUSE);
    }

    /** A refusal the operator can act on: one line on the error stream, no stack trace. */
    static int refused(RuntimeException e, int exitCode) {
        System.err.println("gatefold: " + e.getMessage());
        return exitCode;
    }
}
