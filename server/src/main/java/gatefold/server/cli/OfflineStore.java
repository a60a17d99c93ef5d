package gatefold.server.cli;

import gatefold.server.Gatefold;
import gatefold.server.config.Config;
import gatefold.server.config.Settings;
import gatefold.server.db.Database;
import gatefold.server.security.InstanceSettings;
import gatefold.server.security.MasterKey;
import gatefold.server.security.SecretBox;
import gatefold.storage.BlobStore;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The database, store and master key a command works on, opened from the same configuration as
 * {@code gatefold serve}, with the server running or stopped ({@link StoreDatabase}).
 */
record OfflineStore(Config config, Database database, BlobStore store, SecretBox secrets) implements AutoCloseable {

    static OfflineStore open(Path configFile, String command, StoreDatabase.Beside beside) {
        Config config = Config.from(Settings.fromEnvironment(configFile));
        SecretBox secrets = new SecretBox(MasterKey.load(config.secretKey(), config.dataDir()));
        Database database = StoreDatabase.open(config, command, beside);
        try {
            BlobStore store = Gatefold.openStore(config, config.publicUrl(config.port()), new InstanceSettings(database.jdbi()), secrets);
            return new OfflineStore(config, database, store, secrets);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    Path workDir() {
        return config.dataDir().resolve("tmp").resolve("moving");
    }

    /** From a file (scripts), or typed twice at the terminal when {@code confirm}; never from an argument, which others can see. */
    static char[] passphrase(Path file, boolean confirm) {
        if (file != null) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the passphrase file " + file + ": " + e.getMessage());
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no terminal to type a passphrase at: give --passphrase-file FILE");
        }
        char[] first = console.readPassword("Passphrase for the archive's secrets: ");
        if (confirm && !Arrays.equals(first, console.readPassword("The same passphrase again: "))) {
            throw new IllegalArgumentException("the two passphrases differ; nothing was written");
        }
        return first;
    }

    static Optional<char[]> passphraseIf(boolean wanted, Path file, boolean confirm) {
        return wanted || file != null ? Optional.of(passphrase(file, confirm)) : Optional.empty();
    }

    @Override
    public void close() {
        store.close();
        database.close();
    }
}
